"""The Turkish of the budget strings (see explorer/catalog/__init__.py), and of the library messages the Budget
page shows (the solver's, the 1/g sweep's and torchinfo's)."""

TR: dict[str, str] = {
    # Page, units, metrics
    "Budget": "Bütçe",
    "Where the **{label}** block spends its parameters, multiply-adds and memory, how grouping changes that, and "
    "what other blocks cost when they are given the same budget.":
        "**{label}** bloğu parametrelerini, çarpma-toplama işlemlerini ve belleğini nereye harcıyor, gruplama bunu "
        "nasıl değiştiriyor ve aynı bütçe verildiğinde başka bloklar neye mal oluyor?",
    "**Units.** MACs are multiply-adds: what torchvision and the ResNeXt paper call FLOPs. FLOPs = 2 × MACs: what "
    "torch's flop counter reports. Only convolutions count (BN and ReLU add no MACs here). Memory is float32 "
    "(4 bytes per value); KiB/MiB are 1,024 / 1,048,576 bytes. MACs and activation memory are for the whole batch "
    "of {batch} unless a figure says per image.":
        "**Birimler.** MACs, çarpma-toplama işlemlerinin sayısıdır: torchvision'ın ve ResNeXt makalesinin FLOPs dediği "
        "şey. FLOPs = 2 × MACs: torch'un flop sayacının verdiği değer. Yalnızca konvolüsyonlar sayılır (BN ve ReLU "
        "burada MAC eklemez). Bellek float32'dir (değer başına 4 bayt); KiB/MiB 1.024 / 1.048.576 bayttır. Bir değer "
        "görüntü başına olduğunu söylemiyorsa MAC sayısı ve aktivasyon belleği {batch} görüntülük batch'in tamamı "
        "içindir.",
    "Where the budget goes, layer by layer": "Bütçe nereye gidiyor, katman katman",
    "Parameters": "Parametreler",
    "Multiply-adds": "Çarpma-toplama (MACs)",  # as on the Overview
    "FLOPs (2 × MACs)": "FLOPs (2 × MACs)",
    "{n:,} MACs": "{n:,} MACs",
    "{n:,} FLOPs": "{n:,} FLOPs",
    "{n:,} params": "{n:,} parametre",
    "{n:,} bytes": "{n:,} bayt",
    "{n:,} bytes (float32)": "{n:,} bayt (float32)",
    "{n:,} bytes: every layer's output, summed (a forward pass that keeps them all)":
        "{n:,} bayt: tüm katman çıktılarının toplamı (hepsini saklayan bir ileri geçişteki gibi)",
    "Activation memory, every output": "Aktivasyon belleği, tüm çıktılar",
    "Weight memory": "Ağırlık belleği",
    "Memory, both": "Bellek, ikisi birden",
    # The per-layer chart and torchinfo
    "Shares of the block's parameters, MACs and activation memory, per layer":
        "Bloğun parametre, MAC ve aktivasyon belleği payları, katman katman",
    "Each bar is one of the block's totals split into its layers; hover a segment for its amount. BN adds a few "
    "parameters and no MACs, ReLU and the addition add neither, but every layer's output takes activation memory.":
        "Her çubuk, bloğun toplamlarından birinin katmanlarına bölünmüş hâlidir; miktarını görmek için bir dilimin "
        "üzerine gelin. BN birkaç parametre ekler ama MAC eklemez, ReLU ve toplama ikisini de eklemez; yine de her "
        "katmanın çıktısı aktivasyon belleği tutar.",
    "parameters": "parametreler",
    "multiply-adds": "çarpma-toplama",
    "activations": "aktivasyonlar",
    "share of the total": "toplamdaki pay",
    "layer": "katman",
    "amount": "miktar",
    "share": "pay",
    "torchinfo's summary": "torchinfo'nun özeti",
    "Not shown: {reason}.": "Gösterilmiyor: {reason}.",
    "Running torchinfo…": "torchinfo çalışıyor…",
    "module (type)": "modül (tür)",
    "output shape": "çıktı şekli",
    "params": "parametre",
    "mult-adds (MACs)": "çarpma-toplama (MACs)",
    "torchinfo's layers for one image (batch 1), from `torchinfo.summary(block, verbose=0)` run on the CPU; its "
    "`Mult-Adds` are MACs.":
        "torchinfo'nun tek görüntü (batch 1) için verdiği katmanlar: CPU'da çalıştırılan "
        "`torchinfo.summary(block, verbose=0)` çıktısı; `Mult-Adds` sütunu MAC sayısıdır.",
    "torchinfo's printed table": "torchinfo'nun yazdırdığı tablo",
    "As torchinfo prints it, in English.": "torchinfo'nun kendi yazdığı gibi, İngilizce.",
    "torchinfo agrees: {params}, and {conv:,} MACs in its Conv2d rows, the same as this page's {library:,} MACs "
    "per image.":
        "torchinfo da aynısını buluyor: {params} ve Conv2d satırlarında {conv:,} MAC; bu sayfanın görüntü başına "
        "{library:,} MAC'iyle aynı.",
    "torchinfo disagrees: it counts {params} and {conv:,} MACs in its Conv2d rows; this page counts "
    "{library_params} and {library:,} MACs per image.":
        "torchinfo farklı sayıyor: {params} ve Conv2d satırlarında {conv:,} MAC buluyor; bu sayfa ise görüntü başına "
        "{library_params} ve {library:,} MAC sayıyor.",
    "Its total of {total:,} mult-adds is {bn:,} higher by definition, not by mistake: torchinfo adds one "
    "multiply-add per BN weight and bias, while this page, torchvision and the paper count convolutions only.":
        "Toplamındaki {total:,} çarpma-toplama bir hatadan değil tanımdan ötürü {bn:,} fazladır: torchinfo her BN'in "
        "her ölçek ve kaydırma değeri (γ, β) için bir çarpma-toplama ekler; bu sayfa, torchvision ve makale ise "
        "yalnızca konvolüsyonları sayar.",
    "what": "ne",
    "path": "hat",
    "output shape (N×C×H×W)": "çıktı şekli (N×C×H×W)",
    "activation (bytes)": "aktivasyon (bayt)",
    "weights (bytes)": "ağırlıklar (bayt)",
    "Per-layer table": "Katman tablosu",
    "Download the per-layer table (CSV)": "Katman tablosunu indir (CSV)",
    # The 1/g story
    "The 1/g story, told honestly": "1/g'nin dürüst hikâyesi",
    "No sweep here: {reason}.": "Burada tarama yok: {reason}.",
    "[Open this page with the resnext block]({url})": "[Bu sayfayı resnext bloğuyla açın]({url})",
    "at g = {g}": "g = {g} iken",
    "at g = {g}, for example,": "örneğin g = {g} iken",
    "The 3×3 keeps its width of **{width} channels** (the settings above) while it is split into g groups, from "
    "g = 1 (dense) to g = {width} (depthwise). A k×k conv has {formula} weights, so the 3×3 falls "
    "exactly as 1/g: {at} it has **{conv_params}**, {conv_ratio} of the dense 3×3. The whole block does not: the 1×1 "
    "convs, BN and the shortcut do not shrink, so it keeps **{block_ratio}** of its parameters ({block_params} of "
    "{dense_params}) and {macs_ratio} of its MACs. Activation memory stays at **{memory}** for every g: grouping "
    "saves weights, not activations.":
        "3×3, yukarıdaki ayarların verdiği **{width} kanal** genişliğini korurken g gruba bölünür; g, 1 (dense) ile "
        "{width} (depthwise) arasında değişir. k×k bir conv'un {formula} ağırlığı vardır, bu yüzden 3×3 tam "
        "olarak 1/g oranında küçülür: {at} **{conv_params}** kalır, dense 3×3'ün {conv_ratio} kadarı. Bloğun tamamı "
        "öyle küçülmez: 1×1 conv'lar, BN ve shortcut küçülmediği için blok parametrelerinin **{block_ratio}** kadarını "
        "({block_params} / {dense_params}) ve MAC'lerinin {macs_ratio} kadarını korur. Aktivasyon belleği her g için "
        "**{memory}** olarak kalır: gruplama ağırlıktan tasarruf ettirir, aktivasyondan değil.",
    "Parameters, MACs and activation memory against g, at a width of {width}":
        "g'ye göre parametreler, MAC'ler ve aktivasyon belleği, {width} kanal genişlikte",
    "Every measure is divided by its value at g = 1; the current g is ringed. The 3×3's params and MACs lie on the "
    "dotted 1/g line, one on top of the other: both are exactly 1/g. The whole block stays above it, and "
    "activation memory stays at 100 %.":
        "Her ölçü g = 1'deki değerine bölünmüştür; geçerli g halkayla işaretlidir. 3×3'ün parametreleri ve MAC'leri "
        "noktalı 1/g çizgisinin üzerinde, biri ötekinin üstünde durur: ikisi de tam olarak 1/g'dir. Bloğun tamamı bu "
        "çizginin üstünde kalır, aktivasyon belleği ise %100'de.",
    "Not shown: g = {skipped}, whose channels per group no whole base_width gives at planes = {planes}.":
        "Gösterilmeyen: g = {skipped}; planes = {planes} iken hiçbir tam sayı base_width bu g'lerin grup başına kanal "
        "sayısını vermiyor.",
    "Sweep table": "Tarama tablosu",
    "g (groups)": "g (grup sayısı)",
    "d (channels per group)": "d (grup başına kanal)",
    "3×3 params": "3×3 parametresi",
    "3×3 MACs": "3×3 MAC'leri",
    "block params": "blok parametresi",
    "block MACs": "blok MAC'leri",
    "3×3 params (% of g=1)": "3×3 parametresi (g=1'e göre %)",
    "block params (% of g=1)": "blok parametresi (g=1'e göre %)",
    "block MACs (% of g=1)": "blok MAC'leri (g=1'e göre %)",
    "activation memory": "aktivasyon belleği",
    "1/g": "1/g",
    "groups g, at a fixed width": "grup sayısı g, sabit genişlikte",
    "÷ g = 1": "÷ g = 1",
    "measure": "ölçü",
    # Equal cost
    "Blocks at equal cost": "Eşit maliyette bloklar",
    "Budget to match": "Tutturulacak bütçe",
    "multiply-adds per image": "görüntü başına çarpma-toplama",
    "The current block's parameters or its multiply-adds per image; every other block is solved to it":
        "Geçerli bloğun parametre sayısı ya da görüntü başına çarpma-toplama sayısı; diğer bloklar bu değere göre "
        "boyutlandırılır",
    "Solving each block's width…": "Her bloğun genişliği hesaplanıyor…",
    "{n:,} MACs per image": "görüntü başına {n:,} MACs",
    "Each block kind gets the same input as this one ({cin} channels, {size}×{size}, stride {stride}) and, where "
    "its widths allow, the same output ({cout} channels), as the paper's Table 2 holds 256 → 256; the one width "
    "searched brings it nearest **{target}**: the 3×3's width d for bottleneck and ResNeXt (`base_width` at "
    "`planes = out/4`, at a fixed cardinality C; a bottleneck is C = 1, so 1×64d is ResNet-50's), `planes` for "
    "basic.":
        "Her blok türü bununla aynı girdiyi alır ({cin} kanal, {size}×{size}, stride {stride}) ve genişlikleri izin "
        "verdiğince aynı çıkışı verir ({cout} kanal); makalenin Tablo 2'si de 256 → 256'yı sabit tutar. Aranan tek "
        "genişlik bloğu **{target}** değerine en çok yaklaştırır: bottleneck ve ResNeXt için 3×3'ün genişliği d "
        "(cardinality C sabitken `planes = out/4` ile `base_width`; bottleneck C = 1'dir, 1×64d de ResNet-50'ninkidir), "
        "basic için `planes`.",
    "Block": "Blok",
    "Solved setting": "Çözülen ayar",
    "in → out (channels)": "giriş → çıkış (kanal)",
    "3×3 width (channels)": "3×3 genişliği (kanal)",
    "Activation memory": "Aktivasyon belleği",
    "Off the budget": "Bütçeden sapma",
    "{block} (this block)": "{block} (bu blok)",
    "not reachable": "ulaşılamıyor",
    "graph": "graf",
    "Not the same output: {rows} instead of this block's {cout} channels (in bold in the table).":
        "Çıkış aynı değil: bu bloğun {cout} kanalı yerine {rows} (tabloda kalın).",
    "A basic block's only width is its output (`planes`): it meets the budget only with other output channels.":
        "Basic bloğun tek genişliği çıkışıdır (`planes`): bütçeyi ancak başka bir çıkış kanal sayısıyla tutturabilir.",
    "A basic block's only width is its output (`planes`), and a bottleneck's or ResNeXt block's output is "
    "4 × planes, which {cout} is no multiple of: these blocks meet the budget only with other output channels.":
        "Basic bloğun tek genişliği çıkışıdır (`planes`); bottleneck'in ve ResNeXt bloğunun çıkışı ise 4 × planes'tir "
        "ve {cout} 4'ün katı değildir: bu bloklar bütçeyi ancak başka çıkış kanal sayılarıyla tutturabilir.",
    "Multiply-adds and activation memory are for the batch of {batch}. At the same budget the ResNeXt rows have a "
    "wider 3×3 (more channels, more paths) for the same cost, which is the paper's argument; they also hold more "
    "activation memory, which the budget does not count. Width moves in whole channels, so a row can miss the "
    "budget by a few percent.":
        "Çarpma-toplama ve aktivasyon belleği {batch} görüntülük batch içindir. Aynı bütçede ResNeXt satırlarının "
        "3×3'ü aynı maliyetle daha geniştir (daha çok kanal, daha çok yol): makalenin savı budur; ama bütçenin "
        "saymadığı daha fazla aktivasyon belleği de tutarlar. Genişlik tam kanallarla değişir, bu yüzden bir satır "
        "bütçeyi yüzde birkaç kaçırabilir.",
    # In its network
    "In its network": "Ağının içinde",
    "Counting the whole network…": "Ağın tamamı sayılıyor…",
    "torchvision has no network built from the {block} block (the pre-activation ResNets of He et al. 2016 are not "
    "among its models), so there are no published figures to set it beside. Choose basic, bottleneck or resnext to "
    "see the block in ResNet-18/34/50, ResNeXt-50 and friends.":
        "torchvision'da {block} bloğundan kurulmuş bir ağ yok (He ve ark. 2016'nın pre-activation ResNet'leri "
        "modelleri arasında değil), bu yüzden yanına konacak yayımlanmış değer de yok. Bloğu ResNet-18/34/50, "
        "ResNeXt-50 ve benzerlerinin içinde görmek için basic, bottleneck ya da resnext seçin.",
    "No block of {title} takes {cin} channels to {cout} at stride {stride}. The settings of its blocks are linked "
    "below; the stages are shown without the current block.":
        "{title} ağında {cin} kanalı stride {stride} ile {cout} kanala götüren bir blok yok. Ağın bloklarının ayarları "
        "aşağıda bağlantılı; aşamalar geçerli blok olmadan gösteriliyor.",
    "{stage}: {cin} → {planes} planes, stride {stride} (× {copies})":
        "{stage}: {cin} → {planes} planes, stride {stride} (× {copies})",
    " ({title} uses 32×4d; your {groups}×{d}d block is set in the same place)":
        " ({title} 32×4d kullanır; sizin {groups}×{d}d bloğunuz aynı yere konmuştur)",
    "repeated block": "tekrarlanan blok",
    "first block (with projection)": "ilk blok (projection ile)",
    "This block is the **{position}** of **{stage}** in **{title}**{exact}, which has **1 copy** of it, taking "
    "{n}×{n} inputs at 224×224 images.":
        "Bu blok **{title}**{exact} ağında, **{stage}** aşamasında yer alır (**{position}**); ağda bundan **1 kopya** "
        "vardır ve 224×224 görüntülerde girdisi {n}×{n} boyutundadır.",
    "This block is the **{position}** of **{stage}** in **{title}**{exact}, which has **{copies} copies** of it, "
    "taking {n}×{n} inputs at 224×224 images.":
        "Bu blok **{title}**{exact} ağında, **{stage}** aşamasında yer alır (**{position}**); ağda bundan **{copies} "
        "kopya** vardır ve 224×224 görüntülerde girdileri {n}×{n} boyutundadır.",
    "Together they hold {params} ({share:.2%} of the network's published parameters) and {macs} per image.":
        "Hepsi birlikte {params} tutar (ağın yayımlanmış parametre sayısının {share:.2%} kadarı) ve görüntü başına "
        "{macs} gerektirir.",
    "Together they hold {params} and {macs} per image.":
        "Hepsi birlikte {params} tutar ve görüntü başına {macs} gerektirir.",
    "Your size is {size}×{size}; in the network the block sees {n}×{n}, which the MACs above use.":
        "Seçtiğiniz boyut {size}×{size}; ağda ise blok {n}×{n} girdi alır ve yukarıdaki MAC'ler bu boyutla hesaplanır.",
    "Each stage's share of the network's parameters and MACs": "Ağın parametrelerinde ve MAC'lerinde her aşamanın payı",
    "Each stage's share of the network's parameters (solid) and of its multiply-adds (faded); hover a bar for its "
    "amount.":
        "Her aşamanın ağın parametrelerindeki (dolu) ve çarpma-toplama işlemlerindeki (soluk) payı; miktarı için bir "
        "çubuğun üzerine gelin.",
    "rest of the stage": "aşamanın geri kalanı",
    "this block × {copies}": "bu blok × {copies}",
    "MACs (224×224 image)": "MACs (224×224 görüntü)",
    "share of the network": "ağdaki pay",
    "stage": "aşama",
    "part": "kısım",
    "head": "sınıflandırıcı",
    "head (pool + fc)": "sınıflandırıcı (havuzlama + fc)",
    "Network": "Ağ",
    "Parameters (counted)": "Parametre (sayılan)",
    "Parameters (torchvision)": "Parametre (torchvision)",
    "Multiply-adds (counted)": "Çarpma-toplama (sayılan)",
    "Multiply-adds (torchvision)": "Çarpma-toplama (torchvision)",
    "MACs off by": "MAC farkı",
    "{g:.3f} G MACs": "{g:.3f} G MACs",
    "Counted here for one 224×224 image by rebuilding each network from this project's blocks; torchvision's "
    "figures are the weights' metadata ({source}), whose G MACs it rounds to three decimals, hence the small MAC "
    "differences. Parameters match exactly.":
        "Burada tek bir 224×224 görüntü için, her ağ bu projenin bloklarından yeniden kurularak sayıldı; "
        "torchvision'ın değerleri ağırlıkların meta verisidir ({source}) ve G MACs değerini üç ondalığa yuvarlar, "
        "küçük MAC farkları bundandır. Parametreler birebir tutar.",
    "blocks": "blok sayısı",
    "stride (×)": "stride (×)",
    "params (% of network)": "parametre (ağa göre %)",
    "MACs (% of network)": "MACs (ağa göre %)",
    "holds this block": "bu bloğu içerir",
    "yes": "evet",
    "no": "hayır",
    "Per-stage table": "Aşama tablosu",
    "Download the per-stage table of {title} (CSV)": "{title} aşama tablosunu indir (CSV)",
    # Library messages the page shows (resblocks.sweeps, resblocks.complexity, resblocks.torchinfo_check)
    "The bottleneck is the resnext block at g = 1 (base_width 64): the sweep starts from it.":
        "Bottleneck, g = 1'deki (base_width 64) resnext bloğudur: tarama ondan başlar.",
    "The {block} block has no grouped 3×3, so the sweep uses the resnext block with the same sizes at its default "
    "{groups}×{d}d: {label}.":
        "{block} bloğunda grouped 3×3 yok; bu yüzden tarama aynı boyutlardaki resnext bloğunu varsayılan {groups}×{d}d "
        "ayarıyla kullanır: {label}.",
    "the {block} block has no grouped 3×3, and the resnext block with its sizes is not valid ({reason}); choose "
    "the resnext block or raise planes":
        "{block} bloğunda grouped 3×3 yok ve aynı boyutlardaki resnext bloğu geçerli değil ({reason}); resnext "
        "bloğunu seçin ya da planes değerini artırın",
    "the smallest {block} block ({field}={low}) already has {first:,} {metric}, above the target {target:,}; raise "
    "the target to at least {first:,} or change in_channels, size or stride":
        "en küçük {block} bloğu ({field}={low}) bile {first:,} {metric} tutuyor, hedef olan {target:,} değerinin "
        "üstünde; hedefi en az {first:,} yapın ya da giriş kanalını, boyutu veya stride'ı değiştirin",
    "the largest {block} block allowed here ({field}={high}) has {top:,} {metric}, below the target {target:,}; "
    "lower the target or change in_channels, size or stride":
        "burada izin verilen en büyük {block} bloğu ({field}={high}) {top:,} {metric} tutuyor, hedef olan {target:,} "
        "değerinin altında; hedefi düşürün ya da giriş kanalını, boyutu veya stride'ı değiştirin",
    "torchinfo needs the real block in memory, and this one has {params:,} parameters ({gib:.2f} GiB), more than "
    "the {limit:,} allowed here; lower the widths to see its table (the figures on this page are computed without "
    "building the block)":
        "torchinfo gerçek bloğu bellekte ister ve bu bloğun {params:,} parametresi var ({gib:.2f} GiB), burada izin "
        "verilen {limit:,} sınırından fazla; tablosunu görmek için genişlikleri azaltın (bu sayfadaki değerler blok "
        "kurulmadan hesaplanır)",
    "torchinfo runs a real forward pass on the CPU, and one {size}×{size} image through this block takes {macs:,} "
    "MACs with activations of up to {widest:,} values; lower size or the widths to see its table (the figures on "
    "this page are computed without running the block)":
        "torchinfo CPU'da gerçek bir ileri geçiş çalıştırır ve tek bir {size}×{size} görüntünün bu bloktan geçmesi "
        "{macs:,} MAC ve {widest:,} değere varan aktivasyonlar ister; tablosunu görmek için boyutu ya da genişlikleri "
        "azaltın (bu sayfadaki değerler blok çalıştırılmadan hesaplanır)",
}
