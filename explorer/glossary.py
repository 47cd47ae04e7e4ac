"""The glossary (Türkçe ↔ English) of the terms the project's notes mix, shown on the Overview page.

Each row: the term as the Turkish pages write it (the notes keep many terms in English), its everyday Turkish,
its English, and one line on what it means, in each language. The pairs come from the notes on ResNeXt blocks
(/work/shared/seed/resnext-blocks-notes.md: "artık (residual)", "skip bağlantı", "kanal genişliği (width)",
"group sayısı", "derinlik (depth)") and the usual Turkish of the field.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    app: str  # as the Turkish pages write it
    tr: str
    en: str
    meaning_en: str
    meaning_tr: str

    def meaning(self, lang: str) -> str:
        return self.meaning_tr if lang == "tr" else self.meaning_en


GLOSSARY: tuple[Term, ...] = (
    Term("residual", "artık", "residual",
         "What a block learns: the difference F(x) = H(x) − x, added back to its input",
         "Bloğun öğrendiği fark: F(x) = H(x) − x; girdiye geri eklenir"),
    Term("skip hattı / skip bağlantısı", "atlama bağlantısı", "skip path / skip connection",
         "The path that carries the input around the main path to the addition",
         "Girdiyi main path'in yanından dolaştırıp toplamaya taşıyan hat"),
    Term("shortcut", "kısayol", "shortcut",
         "The skip path inside a block: an identity or a projection",
         "Blok içindeki skip hattı: ya identity ya projection"),
    Term("identity (hattı)", "özdeşlik (birim dönüşüm)", "identity (path)",
         "A shortcut that passes x on unchanged: y = x + F(x)",
         "x'i olduğu gibi geçiren shortcut: y = x + F(x)"),
    Term("projection", "izdüşüm", "projection",
         "A 1×1 conv (and BN) on the shortcut when the channels or H×W change: y = W_s·x + F(x)",
         "Kanal sayısı ya da H×W değişince shortcut'a konan 1×1 conv (ve BN): y = W_s·x + F(x)"),
    Term("main path", "ana yol", "main path",
         "The convs, BN and ReLU that compute F(x)",
         "F(x)'i hesaplayan conv, BN ve ReLU dizisi"),
    Term("conv", "konvolüsyon (evrişim)", "convolution",
         "A layer that slides k×k filters over the input's channels; k×k·C_in·C_out weights",
         "Girdinin kanalları üzerinde k×k filtreler kaydıran katman; k×k·C_in·C_out ağırlık"),
    Term("grouped conv", "gruplu konvolüsyon", "grouped convolution",
         "A conv whose channels are split into g groups, each convolved on its own: 1/g of the weights",
         "Kanalları g gruba bölüp her grubu kendi içinde konvolüsyonlayan conv: ağırlıkların 1/g'si"),
    Term("depthwise conv", "kanal başına konvolüsyon", "depthwise convolution",
         "A grouped conv with one group per channel (g = C): each channel has its own filter",
         "Her kanalın ayrı grup olduğu grouped conv (g = C): her kanalın kendi filtresi var"),
    Term("dense 3×3", "tam (yoğun) 3×3", "dense 3×3",
         "An ordinary 3×3 (g = 1): every output channel sees every input channel",
         "Sıradan 3×3 (g = 1): her çıkış kanalı her giriş kanalını görür"),
    Term("yol", "yol", "path",
         "One group of the grouped 3×3 with its channels: ResNeXt's parallel transformations",
         "Grouped 3×3'ün bir grubu ve kanalları: ResNeXt'in paralel dönüşümlerinden biri"),
    Term("cardinality", "kardinalite", "cardinality",
         "The number of groups g of the grouped 3×3: how many parallel paths the block has",
         "Grouped 3×3'teki grup sayısı g: bloktaki paralel yol sayısı"),
    Term("bottleneck", "darboğaz", "bottleneck",
         "A 1×1 narrows the channels, the 3×3 runs narrow, a 1×1 widens them four-fold",
         "1×1 kanalları daraltır, 3×3 dar kanalda çalışır, 1×1 kanalları dört katına genişletir"),
    Term("reduce / expand", "daraltma / genişletme", "reduce / expand",
         "The bottleneck's first 1×1 (fewer channels) and last 1×1 (more channels)",
         "Bottleneck'in ilk 1×1'i (daha az kanal) ve son 1×1'i (daha çok kanal)"),
    Term("genişlik (width)", "kanal genişliği", "width",
         "The number of channels of a layer; in the grouped 3×3, width = g × d",
         "Bir katmandaki kanal sayısı; grouped 3×3'te width = g × d"),
    Term("taban genişliği (base width)", "taban genişliği", "base width",
         "The channels of each group at planes = 64: the 4 of 32×4d",
         "planes = 64 iken her gruptaki kanal sayısı: 32×4d'deki 4"),
    Term("kanal", "kanal", "channel",
         "One of the C feature maps of a tensor N×C×H×W",
         "N×C×H×W bir tensördeki C özellik haritasından biri"),
    Term("feature map", "özellik haritası", "feature map",
         "One channel of a layer's output: an H×W grid of values",
         "Bir katman çıktısının bir kanalı: H×W'lik bir değer ızgarası"),
    Term("stride", "adım aralığı", "stride",
         "How many pixels a filter moves between positions; stride 2 halves H and W",
         "Filtrenin iki konum arasında kaç piksel kaydığı; stride 2, H ve W'yi yarıya indirir"),
    Term("split-transform-merge", "böl-dönüştür-birleştir", "split-transform-merge",
         "ResNeXt's idea: split the channels into groups, transform each with its own 3×3, merge the results",
         "ResNeXt'in fikri: kanalları gruplara böl, her grubu kendi 3×3'üyle dönüştür, sonuçları birleştir"),
    Term("concat", "uç uca ekleme", "concatenation",
         "Joining tensors along the channel axis (the merge of split-transform-merge)",
         "Tensörleri kanal ekseninde uç uca ekleme (split-transform-merge'deki merge)"),
    Term("MACs", "çarpma-toplama sayısı", "multiply-accumulates",
         "Multiply-adds: one multiplication and one addition count once (torchvision's and the ResNeXt paper's "
         "\"FLOPs\")",
         "Bir çarpma ve bir toplama bir kez sayılır (torchvision'ın ve ResNeXt makalesinin \"FLOPs\" dediği)"),
    Term("FLOPs", "kayan noktalı işlem sayısı", "floating-point operations",
         "Here 2 × MACs, what PyTorch's flop counter counts",
         "Bu uygulamada 2 × MACs: PyTorch'un flop sayacının saydığı"),
    Term("BN", "toplu normalizasyon", "batch normalization",
         "Normalises each channel by the batch's mean and variance, then a learnt scale and shift",
         "Her kanalı batch'in ortalaması ve varyansıyla normalleştirir, ardından öğrenilen bir ölçek ve kayma uygular"),
    Term("ReLU", "doğrultulmuş doğrusal birim", "rectified linear unit",
         "The activation max(0, x)",
         "max(0, x) aktivasyonu"),
    Term("pre-activation", "ön-aktivasyon", "pre-activation",
         "BN and ReLU before each conv, nothing after the addition (ResNet v2)",
         "BN ve ReLU her conv'dan önce, toplamadan sonra hiçbir şey yok (ResNet v2)"),
    Term("batch", "küme (mini-batch)", "batch",
         "The N inputs processed together",
         "Birlikte işlenen N girdi"),
    Term("aşama", "aşama", "stage",
         "The blocks of a network that share one output size; its first block may change it (stride, projection)",
         "Bir ağın aynı çıktı boyutunu paylaşan blokları; ilk bloğu boyutu değiştirebilir (stride, projection)"),
    Term("parametre", "parametre", "parameter",
         "A learnt number: the conv weights, BN's scale and shift",
         "Öğrenilen bir sayı: conv ağırlıkları, BN'in ölçeği ve kayması"),
    Term("derinlik (depth)", "derinlik", "depth",
         "The number of layers (or blocks) of a network",
         "Bir ağdaki katman (ya da blok) sayısı"),
    Term("gradyan akışı", "gradyan akışı", "gradient flow",
         "How the gradient reaches the early layers in the backward pass",
         "Geri geçişte gradyanın ilk katmanlara nasıl ulaştığı"),
    Term("kernel", "çekirdek", "kernel",
         "A conv's k×k filter, or the GPU program that computes an op (the notes' \"kernel efficiency\")",
         "Bir conv'un k×k filtresi ya da bir işlemi GPU'da hesaplayan kod (notlardaki \"kernel verimliliği\")"),
    Term("baseline", "karşılaştırma temeli", "baseline",
         "The reference a change is compared with",
         "Bir değişikliğin kıyaslandığı referans"),
)
