"""The Turkish of the split strings (see explorer/catalog/__init__.py)."""

TR: dict[str, str] = {
    "The {block} block has no grouped 3×3, and the resnext block with these channels is not valid: {reason} "
    "Choose the resnext block in the sidebar.":
        "{block} bloğunda grouped 3×3 yok ve bu kanallarla resnext bloğu geçerli değil: {reason} Kenar çubuğunda "
        "resnext bloğunu seçin.",
    "The {block} block has no grouped 3×3, so this page shows the resnext block with the same channels, stride and "
    "size: {label}. Choose resnext in the sidebar to change the groups.":
        "{block} bloğunda grouped 3×3 yok; bu yüzden sayfa aynı kanal sayıları, stride ve boyutla resnext bloğunu "
        "gösteriyor: {label}. Grup sayısını değiştirmek için kenar çubuğunda resnext'i seçin.",
    "Running the three forms…": "Üç biçim çalıştırılıyor…",
    "Watch the channels split and merge": "Kanalların bölünüp yeniden birleşmesini izleyin",
    # The three forms
    "Three forms, one function": "Üç biçim, tek fonksiyon",
    "Xie et al. (2017, Fig. 3) draw the block three ways: **(a)** g separate paths, each ending in its own 1×1, "
    "summed; **(b)** g paths of 1×1 → 3×3, concatenated, then one 1×1; **(c)** one grouped 3×3. Each box reads "
    "as the paper writes it: input channels, kernel, output channels.":
        "Xie ve ark. (2017, Şekil 3) bloğu üç biçimde çizer: **(a)** her biri kendi 1×1'iyle biten g ayrı yol, çıktıları "
        "toplanır; **(b)** 1×1 → 3×3'ten oluşan g yol, çıktıları art arda eklenir (concatenate), ardından tek bir 1×1 gelir; "
        "**(c)** tek bir grouped 3×3. Her kutu makaledeki gibi okunur: giriş kanalı, kernel, çıkış kanalı.",
    "(a) aggregated residual transformations": "(a) residual dönüşümlerin toplamı",
    "(b) early concatenation": "(b) erken birleştirme (concatenate)",
    "(c) grouped convolution": "(c) grouped convolution",
    "{n}-d in": "giriş: {n} kanal",
    "{n}-d out": "çıkış: {n} kanal",
    "sum of the {g} paths": "{g} yolun toplamı",
    "concatenate, {n}-d": "concatenate: {n} kanal",
    "groups = {g}": "groups = {g}",
    "stride {s}": "stride {s}",
    "projection: {label}": "projection: {label}",
    "identity": "identity",
    "({n} more)": "({n} yol daha)",
    "(a) = (b) = (c) at g = 1: a dense 3×3": "g = 1'de (a) = (b) = (c): dense bir 3×3",
    "{n:,} conv weights": "{n:,} conv ağırlığı",
    "All three have **{n:,}** conv weights in F(x): the same weights, arranged three ways. A path's last 1×1 in "
    "(a) is a slice of the one 1×1 in (b), and the {g} paths' 3×3s in (b) are the {g} groups of the grouped 3×3 in (c). "
    "BN and ReLU follow every conv and are left out of the drawing, as in the paper's.":
        "Üç biçimde de F(x) içinde **{n:,}** conv ağırlığı var: aynı ağırlıklar, üç ayrı düzende. (a)'daki bir yolun "
        "son 1×1'i, (b)'deki tek 1×1'in bir dilimidir; (b)'deki {g} yolun 3×3'leri de (c)'deki grouped 3×3'ün {g} "
        "grubudur. Her conv'dan sonra BN ve ReLU gelir; makaledeki şekilde olduğu gibi çizime konmadılar.",
    "At g = 1 there is one path, so the three forms are one and the same bottleneck: a dense 3×3 between two 1×1s, "
    "{n:,} conv weights in F(x). BN and ReLU follow every conv and are left out of the drawing, as in the paper's.":
        "g = 1'de tek bir yol vardır; bu yüzden üç biçim de aynı bottleneck'tir: iki 1×1 arasında sıradan, dense bir "
        "3×3 ve F(x) içinde {n:,} conv ağırlığı. Her conv'dan sonra BN ve ReLU gelir; makaledeki şekilde olduğu gibi "
        "çizime konmadılar.",
    # The check
    "The check below builds all three from the same weights and runs them on the same random input (float32, BN "
    "in inference mode with random statistics).":
        "Aşağıdaki kontrol üç biçimi de aynı ağırlıklardan kurar ve aynı rastgele girdiyle çalıştırır (float32; BN, rastgele "
        "istatistiklerle çıkarım (eval) modunda).",
    "Run the three forms ({params:,} parameters, about {weights} of weights in the block and one form at a time)":
        "Üç biçimi çalıştır ({params:,} parametre: bloğun yaklaşık {weights} ağırlığı ve her seferinde tek bir biçim)",
    "The check runs when asked, so that it never holds up the figures above.":
        "Kontrol yalnızca istendiğinde çalışır; böylece yukarıdaki şekilleri hiç bekletmez.",
    "max |(a) − (c)|": "en büyük |(a) − (c)|",
    "max |(b) − (c)|": "en büyük |(b) − (c)|",
    "max |output|": "en büyük |çıktı|",
    "{x:.2e}": "{x:.2e}",
    "{x:.3g}": "{x:.3g}",
    "{t:g}": "{t:g}",
    "The largest difference between split-transform-sum (a) and the grouped conv (c)":
        "Split-transform-sum (a) ile grouped conv (c) arasındaki en büyük fark",
    "The largest difference between split-transform-concatenate (b) and the grouped conv (c)":
        "Split-transform-concatenate (b) ile grouped conv (c) arasındaki en büyük fark",
    "The largest output value: the scale the differences are measured against":
        "En büyük çıktı değeri: farkların kıyaslandığı ölçek",
    "The differences are float32 rounding. At g = 1 there is nothing to split: all three forms are the same dense "
    "3×3 between two 1×1s.":
        "Farklar yalnızca float32 yuvarlama hatası. g = 1'de bölünecek bir şey yok: üç biçim de iki 1×1 arasındaki aynı "
        "dense 3×3'tür.",
    "The differences are float32 rounding: split-transform-merge and a grouped convolution compute the same "
    "function; the grouped convolution does in one operation what the {g} paths do one by one.":
        "Farklar yalnızca float32 yuvarlama hatası: split-transform-merge ile grouped convolution aynı fonksiyonu "
        "hesaplar; grouped convolution, {g} yolun tek tek yaptığını tek bir işlemde yapar.",
    "The forms differ by more than {tolerance}; this should not happen. Please report these settings.":
        "Biçimler arasındaki fark {tolerance} değerini aşıyor; bu olmamalı. Lütfen bu ayarları bize bildirin.",
    "Input {input} → output {output}: a small input is enough, since the equality does not depend on the "
    "resolution.":
        "Girdi {input} → çıktı {output}: eşitlik çözünürlüğe bağlı olmadığından küçük bir girdi yeter.",
    # Cardinality against width
    "Cardinality or width, at the same budget": "Aynı bütçede cardinality mi, width mi?",
    "Table 2 of the paper keeps a conv2-stage block (256 channels in and out) near the ResNet-50 bottleneck's "
    "{budget:,} conv weights and trades the width per path d against the cardinality C: "
    "C · (256·d + 9·d² + d·256) ≈ {budget:,}. The library solves this for d; the paper's values stand beside it. "
    "To move along this table, choose **cost** in the sidebar as what stays fixed while g changes.":
        "Makalenin Tablo 2'si, conv2 aşamasındaki bir bloğu (girişte ve çıkışta 256 kanal) ResNet-50 "
        "bottleneck'inin {budget:,} conv ağırlığına yakın tutar ve yol başına genişlik d ile cardinality C arasında "
        "denge kurar: C · (256·d + 9·d² + d·256) ≈ {budget:,}. Kütüphane bu denklemi d için çözer; makalenin "
        "değerleri hemen yanında. Tabloda ilerlemek için kenar çubuğunda, g değişirken sabit kalacak şey olarak "
        "**cost**'u seçin.",
    "cardinality C": "cardinality C",
    "width per path d": "yol başına genişlik d",
    "grouped width C·d": "grouped width C·d",
    "paper: d": "makale: d",
    "paper: C·d": "makale: C·d",
    "conv weights": "conv ağırlığı",
    "of the budget (%)": "bütçeye oranı (%)",
    "◀ nearest to these settings": "◀ bu ayarlara en yakın",
    "At g = {g} the template would use d = {d}.": "g = {g} için şablon d = {d} kullanırdı.",
    "The current block is {g}×{d}d; the row in bold is the nearest cardinality.":
        "Şu anki blok {g}×{d}d; kalın satır, cardinality'si buna en yakın olan satırdır.",
    "Only conv weights count here, as in the paper.": "Makaledeki gibi burada yalnızca conv ağırlıkları sayılır.",
    "Hold the grouped width at {w} channels and split it into more groups: the 3×3's weights fall as 1/g, from "
    "{dense:,} at g = 1 to {finest:,} at g = {g_max} (depthwise). The 1×1 convs do not shrink, so the whole block "
    "falls far less: from {block_dense:,} to {block_finest:,} ({share:.0%} of it).":
        "Grouped width'i {w} kanalda sabit tutup daha çok gruba bölün: 3×3'ün ağırlıkları 1/g ile azalır, g = 1 iken "
        "{dense:,}, g = {g_max} iken (depthwise) {finest:,} olur. 1×1 conv'lar küçülmez; bu yüzden bloğun tamamı çok "
        "daha az küçülür: {block_dense:,} → {block_finest:,} (g = 1'dekinin {share:.0%} kadarı).",
    "g runs over every divisor of the grouped width (log scale); the star marks the current g. The grouped 3×3 "
    "counts its weights, the whole block also its BN. The 3×3's MACs fall by the same 1/g.":
        "g, grouped width'in bütün bölenlerini dolaşır (logaritmik eksen); yıldız şu anki g'yi gösterir. Grouped "
        "3×3'te yalnızca ağırlıklar, bloğun tamamında BN de sayılır. 3×3'ün MAC'leri de aynı 1/g oranında azalır.",
    # The 1/g chart
    "parameters": "parametreler",  # as on the Budget page
    "grouped 3×3": "grouped 3×3",
    "whole block": "bloğun tamamı",
    "{n:,} parameters": "{n:,} parametre",
    "part": "kısım",  # the tooltip's titles, as on the Budget page
    "amount": "miktar",
    "÷ g = 1": "÷ g = 1",
    "current g = {g}": "şu anki g = {g}",
    "current g": "şu anki g",
    "groups g (cardinality), grouped width fixed": "grup sayısı g (cardinality), grouped width sabit",
    "Parameters as g grows at a fixed grouped width": "Grouped width sabitken g büyüdükçe parametre sayısı",
    # Why the check does not run (resblocks/equivalence.py's messages and the page's memory sentence)
    "The check would hold about {total} of tensors (two copies of the block's {weights} of weights, while each form "
    "runs beside the block), above the limit of {limit}; lower planes or in_channels (where you run it yourself, "
    "raise {env}).":
        "Kontrolün tensörleri yaklaşık {total} bellek tutardı (her biçim bloğun yanında çalışırken bloğun {weights} "
        "ağırlığının iki kopyası); bu, {limit} sınırının üstünde. planes ya da in_channels değerini düşürün (kendi "
        "makinenizde çalıştırıyorsanız {env} değerini yükseltin).",
    "the equivalence check builds one module per path, and {groups} paths is above the limit of {limit}; "
    "lower groups to {limit} or fewer":
        "eşdeğerlik kontrolü her yol için ayrı bir modül kurar ve {groups} yol, {limit} sınırının üstünde; groups "
        "değerini {limit} ya da daha aza indirin",
    "equivalence needs the resnext block, not {block}; choose --block resnext":
        "eşdeğerlik kontrolü {block} bloğuyla değil, resnext bloğuyla çalışır; --block resnext seçin",
    "equivalent forms exist only for the (grouped) bottleneck, not {kind}; pass a resnext block":
        "eşdeğer biçimler yalnızca (grouped) bottleneck için vardır, {kind} için yoktur; bir resnext bloğu verin",
}
