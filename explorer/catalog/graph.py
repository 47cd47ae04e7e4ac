"""The Turkish of the graph strings (see explorer/catalog/__init__.py), and the drawn graph's own words."""

# The words inside the drawn graph (resblocks.graph.LABELS' keys): a tensor is a "girdi"/"çıktı", the counts get
# a dot between thousands.
GRAPH_LABELS: dict[str, str] = {
    "input": "girdi",
    "output": "çıktı",
    "params": "{n} parametre",
    "identity": "identity",
    "main": "main path F(x)",
    "shortcut": "shortcut: {shortcut}",
    "projection": "{k}×{k} projection, stride {s}",
    "thousands": ".",
}

# Each block's one-line summary (resblocks.registry's, in Turkish), shown beside its graph; the titles are in
# overview.py's TR, where the sidebar and the Overview say them too.
BLOCKS: dict[str, str] = {
    "basic": "Tam genişlikte iki 3×3 conv; her birinden sonra BN ve ReLU, toplamadan sonra da bir ReLU.",
    "preact": "BN ve ReLU her conv'un önüne geçer; toplamadan sonra hiçbir şey gelmez, böylece skip hattı temiz kalır.",
    "bottleneck": "Bir 1×1 kanal sayısını azaltır, 3×3 dar kanalda çalışır, son 1×1 kanalları dört katına çıkarır.",
    "resnext": "3×3'ü grouped conv olan bir bottleneck: g paralel yol (cardinality), tek işlemde split-transform-merge.",
    "preact_bottleneck": "Pre-activation sırasıyla bottleneck: üç conv'un her birinden önce BN ve ReLU.",
}

TR: dict[str, str] = {
    # The page
    "Computation graph": "Hesaplama grafı",
    "The other pages refuse this block: its largest activation would hold {n:,} values ({size} in float32), more "
    "than the {limit:,} they allow, because they create real tensors. This page needs only the shapes (meta "
    "tensors, nothing is allocated), so it draws the block; lower batch or size to see it on the other pages.":
        "Diğer sayfalar bu bloğu reddeder: en büyük aktivasyonu {n:,} değer ({size}, float32) tutardı; gerçek "
        "tensörler oluşturdukları için izin verdikleri sınır {limit:,} değerdir. Bu sayfa ise yalnızca tensörlerin "
        "şekillerini hesaplar, bellekte yer ayırmaz; bu yüzden bloğu çizer. Bloğu diğer sayfalarda da görmek için "
        "batch'i ya da girdi boyutunu küçültün.",
    "Graphviz on the server could not draw these graphs ({reason}); your browser lays them out instead.":
        "Sunucudaki Graphviz bu grafları çizemedi ({reason}); onları tarayıcınız yerleştiriyor.",
    "Graphviz on the server could not draw this graph ({reason}); your browser lays it out instead.":
        "Sunucudaki Graphviz bu grafı çizemedi ({reason}); onu tarayıcınız yerleştiriyor.",
    "Graphviz's SVG has no width and height in points": "Graphviz'in SVG'sinde nokta (pt) cinsinden genişlik ve "
                                                        "yükseklik yok",
    "Computation graph of the {label} block": "{label} bloğunun hesaplama grafı",
    "The sizes on the edges are N×C×H×W: batch × channels × height × width.":
        "Kenarlardaki boyutlar N×C×H×W: batch × kanal × yükseklik × genişlik.",
    "Parameters": "Parametreler",
    "Learnable weights: conv kernels and BN's scale and shift": "Öğrenilen ağırlıklar: conv kernel'leri ile BN'in "
                                                                "ölçekleme ve kaydırma değerleri",
    "{n:,} multiply-adds (torchvision and the paper call these FLOPs)":
        "{n:,} çarpma-toplama (torchvision ve makale bunlara FLOPs der)",
    "{n:,} = 2 × MACs (what torch's flop counter reports)": "{n:,} = 2 × MACs (torch'un flop sayacının verdiği sayı)",
    "Activations": "Aktivasyonlar",
    "All layer outputs in float32, summed": "Tüm katman çıktılarının float32'deki toplamı",
    "Layout": "Yerleşim",
    "TB: top to bottom; LR: left to right": "TB: yukarıdan aşağıya; LR: soldan sağa",
    "Compare with (up to 3 blocks, same input)": "Karşılaştır (en çok 3 blok, aynı girdi)",
    "Draws the blocks side by side and marks what differs": "Blokları yan yana çizer ve farklı olanı işaretler",
    "Choose blocks": "Blok seçin",
    "The {name} block cannot take these settings, so it is left out: {reason}.":
        "{name} bloğu bu ayarlarla kurulamıyor, bu yüzden dışarıda bırakıldı: {reason}.",
    "{label} · shortcut: {shortcut} · paper: {paper}": "{label} · shortcut: {shortcut} · makale: {paper}",
    "Each block gets the same input; nodes that differ from the first block are marked red.":
        "Her blok aynı girdiyi alır; ilk bloktakinden farklı olan düğümler kırmızıyla işaretlidir.",
    "{n:,} multiply-adds": "{n:,} çarpma-toplama",
    "SVG and PNG export need the graphviz program on the server (Debian package graphviz).":
        "SVG ve PNG olarak indirmek için sunucuda graphviz programı gerekir (Debian paketi graphviz).",
    "SVG and PNG export are unavailable for now: {reason}.": "SVG ve PNG şimdilik indirilemiyor: {reason}.",
    "The grouped 3×3 and 1/g": "Grouped 3×3 ve 1/g",
    "At g = 1 the 3×3 has a single group: it is a dense 3×3 with all {n:,} of its weights (9·{w}·{w}), and nothing "
    "shrinks. Raise groups to split it into g paths.":
        "g = 1'de 3×3'ün tek bir grubu vardır: {n:,} ağırlığın (9·{w}·{w}) tamamını taşıyan bir dense 3×3'tür ve "
        "hiçbir şey küçülmez. Onu g yola bölmek için grup sayısını artırın.",
    "Grouped 3×3 parameters (g={g})": "Grouped 3×3'ün parametreleri (g={g})",
    "{ratio} of the dense 3×3's {n:,}": "dense 3×3'ün {n:,} parametresinin {ratio} kadarı",
    "Whole block parameters": "Bloğun tüm parametreleri",
    "{ratio} of {n:,} with a dense 3×3": "dense 3×3'lü bloğun {n:,} parametresinin {ratio} kadarı",
    "A k×k conv with g groups has {formula} weights: 9·{w}·{w}/{g} = {n:,}, exactly **{ratio}** of the dense "
    "9·{w}·{w} = {dense:,}. The whole block shrinks less ({block_ratio}), because its 1×1 convs and the shortcut "
    "do not change with g, and the activations do not shrink at all.":
        r"g gruplu bir k×k conv'un {formula} ağırlığı vardır: 9·{w}·{w}/{g} = {n:,}; "
        r"bu, dense 9·{w}·{w} = {dense:,} ağırlığın tam olarak **{ratio}** kadarıdır. Bloğun tamamı daha az küçülür "
        "({block_ratio}), çünkü 1×1 conv'ları ve shortcut g ile değişmez; aktivasyonlar ise hiç küçülmez.",
    "layer": "katman",
    "op": "işlem",
    "path": "hat",
    "output shape": "çıktı şekli",
    "params": "parametre",
    "activation (bytes)": "aktivasyon (bayt)",
    "Totals: {params:,} params · {macs:,} MACs · {flops:,} FLOPs (= 2 × MACs) · weights {weights} · activations "
    "{activations} (float32).":
        "Toplam: {params:,} parametre · {macs:,} MACs · {flops:,} FLOPs (= 2 × MACs) · ağırlıklar {weights} · "
        "aktivasyonlar {activations} (float32).",
    "Layers": "Katmanlar",
    "Export": "İndir",
    "Layers (CSV)": "Katmanlar (CSV)",
    "The graph's DOT, SVG and PNG are under the drawing, in the layout shown.":
        "Grafın DOT, SVG ve PNG dosyaları çizimin altında, gösterilen yerleşimle.",
    "The PyTorch code is left out: its input alone would take {size} of memory.":
        "PyTorch kodu gösterilmiyor: yalnızca girdisi bellekte {size} yer tutardı.",
    "Self-contained PyTorch code (torch only) that rebuilds exactly this block and prints its parameter count, "
    "{n:,} as above:":
        "Bu bloğu aynen yeniden kuran ve parametre sayısını (yukarıdaki gibi {n:,}) yazdıran, tek başına çalışan "
        "PyTorch kodu (yalnızca torch):",
    # resblocks.compare: the differences from the first block
    "dense (g={g})": "dense (g={g})",
    "depthwise (g={g})": "depthwise (g={g})",
    "grouped (g={g})": "grouped (g={g})",
    "BN and ReLU move before the convs (pre-activation)": "BN ve ReLU conv'ların önüne geçer (pre-activation)",
    "BN and ReLU come after the convs (post-activation, the original order)":
        "BN ve ReLU conv'lardan sonra gelir (özgün sıra: önce conv, sonra aktivasyon)",
    "the main path is {path} instead of {ref_path}": "main path: {ref_path} yerine {path}",
    "the 3×3 is {grouping}": "3×3 burada {grouping}",
    "the 3×3 is {grouping} instead of {ref_grouping}": "3×3, {ref_grouping} yerine {grouping}",
    "the 3×3 runs on {w} channels instead of {ref_w}": "3×3, {ref_w} yerine {w} kanal üzerinde çalışır",
    "the main path has stride {s} instead of {ref_s}": "main path'in stride'ı {ref_s} yerine {s}",
    "the block outputs {c} channels instead of {ref_c}": "blok, {ref_c} yerine {c} kanal verir",
    "adds a {k}×{k} projection shortcut (stride {s})": "{k}×{k} projection shortcut eklenir (stride {s})",
    "adds a {k}×{k} projection shortcut (stride {s}), reading the pre-activated input":
        "{k}×{k} projection shortcut eklenir (stride {s}); girdiyi BN ve ReLU'dan sonra okur",
    "the shortcut is the identity (no projection)": "shortcut identity'dir (projection yok)",
    "the projection shortcut has stride {s} instead of {ref_s}": "projection shortcut'ın stride'ı {ref_s} yerine {s}",
    "the projection reads the block's input": "projection bloğun girdisini okur",
    "the projection reads the pre-activated input (after BN and ReLU)":
        "projection girdiyi BN ve ReLU'dan sonra okur (pre-activation uygulanmış girdi)",
    "a BN follows the projection's 1×1 conv (as in the notes)":
        "projection'ın 1×1 conv'undan sonra bir BN gelir (notlardaki gibi)",
    "the projection is a bare 1×1 conv, no BN (as in He et al. 2016b)":
        "projection yalın bir 1×1 conv'dur, BN yok (He ve ark. 2016b'deki gibi)",
    "the stride sits on the first 1×1 (He et al. 2016a), not the 3×3":
        "stride 3×3'te değil, ilk 1×1'de (He ve ark. 2016a)",
    "the stride sits on the 3×3 (torchvision, v1.5), not the first 1×1":
        "stride ilk 1×1'de değil, 3×3'te (torchvision, v1.5)",
    "no ReLU after the addition": "toplamadan sonra ReLU yok",
    "a ReLU follows the addition": "toplamadan sonra bir ReLU gelir",
    "{params}; {macs}": "{params}; {macs}",
    "the same params ({new:,})": "parametre sayısı aynı ({new:,})",
    "the same MACs ({new:,})": "MAC sayısı aynı ({new:,})",
    "{new:,} params": "{new:,} parametre",
    "{new:,} MACs": "{new:,} MACs",
    "{new:,} params ({change:+.1%} on {old:,})": "{new:,} parametre ({old:,} parametreye göre {change:+.1%})",
    "{new:,} MACs ({change:+.1%} on {old:,})": "{new:,} MACs ({old:,} MAC'e göre {change:+.1%})",
    "the same block as the first": "ilk blokla aynı blok",
    # resblocks.drawing: why Graphviz drew nothing
    "the graphviz 'dot' program is not installed; install Debian's graphviz package for SVG/PNG export":
        "graphviz'in 'dot' programı kurulu değil; SVG/PNG olarak indirmek için Debian'ın graphviz paketini kurun",
    "graphviz took more than {limit:.0f} s to draw the graph; export the DOT text instead":
        "graphviz grafı {limit:.0f} s içinde çizemedi; onun yerine DOT metnini indirin",
    "graphviz could not be started ({reason}); export the DOT text instead":
        "graphviz başlatılamadı ({reason}); onun yerine DOT metnini indirin",
    "graphviz could not draw the graph ({message}); export the DOT text instead":
        "graphviz grafı çizemedi ({message}); onun yerine DOT metnini indirin",
    "graphviz wrote something that is not SVG; export the DOT text instead":
        "graphviz'in yazdığı çıktı SVG değil; onun yerine DOT metnini indirin",
    "graphviz wrote something that is not PNG; export the DOT text instead":
        "graphviz'in yazdığı çıktı PNG değil; onun yerine DOT metnini indirin",
    "{sentence} (it failed {ago:.0f} s ago; it is tried again after {retry:.0f} s)":
        "{sentence} ({ago:.0f} s önce başarısız oldu; {retry:.0f} s sonra yeniden denenecek)",
}
