"""The explanations each page shows, in English and in Turkish, the language of the project's notes.

Taken from the notes on ResNeXt blocks (sections 1-9). Both languages say the same thing, paragraph for paragraph;
the technical terms stay in English in the Turkish text, as the notes keep them ("grouped conv", "cardinality",
"bottleneck", "residual", "skip", "shortcut", "FLOPs", "MACs"). Headings, labels and figures stay English.
Keys are "<page>.<topic>"; a page shows an entry with ``ui.explain(key, view)``. The texts are trusted Markdown.
"""

from __future__ import annotations

from inspect import cleandoc

LANGS = ("en", "tr")

_TEXTS: dict[str, dict[str, str]] = {
    # Overview -------------------------------------------------------------------------------------------
    "overview.intro": {
        "en": r"""
            Learn the residual blocks of modern CNNs by seeing them, changing them and running them: the **basic**
            block (ResNet-18/34), the **pre-activation** block (ResNet v2), the **bottleneck** (ResNet-50 and deeper)
            and ResNeXt's **grouped conv** bottleneck. Every control in the sidebar is part of the address: copy it to
            share exactly what you see.
            """,
        "tr": r"""
            Modern CNN'lerin residual bloklarını görerek, değiştirerek ve çalıştırarak öğrenin: **basic** blok
            (ResNet-18/34), **pre-activation** blok (ResNet v2), **bottleneck** (ResNet-50 ve daha derin ağlar) ve
            ResNeXt'in **grouped conv** kullanan bottleneck'i. Kenar çubuğundaki her kontrol adresin bir parçasıdır:
            gördüğünüzü aynen paylaşmak için adresi kopyalayın.
            """,
    },
    "overview.residual": {
        "en": r"""
            Instead of learning a mapping $H(x)$ directly, a residual block learns the *residual*
            $F(x) = H(x) - x$ and adds its input back:

            $$
            y = x + F(x)
            $$

            Here $x$ is the input carried by the skip (identity) path, and $F(x)$ is what the convolutions,
            normalisation and activations of the main path produce. Why does it work?

            - The skip connection improves **gradient flow** through deep networks.
            - A block with nothing useful to add easily converges to the identity: it learns $F(x) \approx 0$ and
              passes its input on unchanged.
            - Optimisation is more stable: $F(x)$ only has to learn small corrections.
            """,
        "tr": r"""
            Residual blok, $H(x)$ eşlemesini doğrudan öğrenmek yerine bir "artık" (*residual*) fonksiyonu,
            $F(x) = H(x) - x$, öğrenir ve girdisini geri ekler:

            $$
            y = x + F(x)
            $$

            Burada $x$ skip/identity hattından geçen giriş, $F(x)$ ise main path üzerindeki konvolüsyon,
            normalizasyon ve aktivasyonların ürettiği dönüşümdür. Neden işe yarar?

            - Derin ağlarda **gradyan akışını** iyileştirir (skip bağlantı üzerinden).
            - Ağ, "gerekirse hiçbir şey yapmama" (identity) davranışına kolayca yakınsar: $F(x) \approx 0$ öğrenir
              ve girdisini değiştirmeden aktarır.
            - Optimizasyon daha stabil olur: $F(x)$ yalnızca küçük düzeltmeler öğrenir.
            """,
    },
    "overview.shortcut": {
        "en": r"""
            When the block changes the channel count or the spatial size (H×W), the skip path must be adapted too:

            $$
            y = W_s\,x + F(x)
            $$

            In practice $W_s$ is a 1×1 convolution with the block's stride, followed by BN: the *projection
            shortcut*. This equation is the skeleton of every residual block, basic, pre-activation, bottleneck and
            ResNeXt alike; they differ only in how $F(x)$ is built.
            """,
        "tr": r"""
            Kanal sayısı ya da uzamsal boyut (H×W) değişiyorsa skip/identity hattı da uyarlanır:

            $$
            y = W_s\,x + F(x)
            $$

            Pratikte $W_s$, bloğun stride'ıyla çalışan bir 1×1 Conv ve ardından gelen BN'dir: *projection
            shortcut*. Bu temel denklem basic, pre-activation, bottleneck ve ResNeXt dahil tüm residual blokların
            iskeletidir; fark, $F(x)$'in nasıl tasarlandığıdır.
            """,
    },
    "overview.preact": {
        "en": r"""
            **Why pre-activation?** ResNet v2 places normalisation and activation **before the addition**: BN and
            ReLU come before each convolution, and nothing follows the sum.

            - v1 (classic): Conv → BN → ReLU → Conv → BN → (+) → ReLU
            - v2 (pre-act): BN → ReLU → Conv → BN → ReLU → Conv → (+)

            The skip path then carries a "cleaner" identity: normalisation and activation shape the main path while
            the skip flows through as undisturbed as possible. With the same number of parameters this usually gives
            better training dynamics, and it stabilises optimisation further in very deep networks.
            """,
        "tr": r"""
            **Neden pre-activation?** ResNet v2, normalizasyon ve aktivasyonu **toplamadan önce** konumlandırır: BN
            ve ReLU her konvolüsyondan önce gelir, toplamadan sonra hiçbir şey gelmez.

            - v1 (klasik): Conv → BN → ReLU → Conv → BN → (+) → ReLU
            - v2 (pre-act): BN → ReLU → Conv → BN → ReLU → Conv → (+)

            Böylece skip hattı boyunca "daha temiz" bir identity akışı sağlanır: normalizasyon ve aktivasyonlar main
            path'i şekillendirirken skip hattı mümkün olduğunca bozulmadan akar. Aynı parametre sayısıyla genellikle
            daha iyi eğitim dinamiği verir ve çok derin ağlarda optimizasyonu daha da stabilize eder.
            """,
    },
    "overview.bottleneck": {
        "en": r"""
            **Why a bottleneck?** The basic block runs its two 3×3 convolutions directly at the full channel width,
            and as the width grows the cost rises quickly (a 3×3 is expensive). The bottleneck does the expensive
            3×3 in a narrow channel space:

            - 1×1 conv (reduce): $C \to C_b$, usually $C_b = C/4$
            - 3×3 conv (process): on $C_b$ channels
            - 1×1 conv (expand): $C_b \to 4\,C_b$

            With the 3×3 working on few channels the MACs (and FLOPs) fall, and depths of 50, 101 or 152 layers
            become practical.
            """,
        "tr": r"""
            **Neden bottleneck?** Basic blok, iki 3×3 konvolüsyonunu doğrudan geniş kanalda çalıştırır; kanal
            genişliği (width) arttıkça maliyet hızlı yükselir (3×3 pahalıdır). Bottleneck pahalı 3×3'ü "dar bir
            kanal alanında" yaptırır:

            - 1×1 Conv (reduce): $C \to C_b$, çoğu zaman $C_b = C/4$
            - 3×3 Conv (process): $C_b$ kanalda
            - 1×1 Conv (expand): $C_b \to 4\,C_b$

            3×3 işlemi düşük kanal sayısında yapıldığı için MACs (ve FLOPs) düşer; derinliği 50, 101 ya da 152
            katmana çıkarmak daha uygulanabilir olur.
            """,
    },
    "overview.resnext": {
        "en": r"""
            **Why ResNeXt?** It keeps the residual skeleton and the bottleneck, but turns the 3×3 at the
            bottleneck's centre into a **grouped conv**: the channels are split into groups that are transformed in
            parallel. Capacity then grows at the same budget along a new axis, **cardinality** (the number of
            groups). This is the main idea that sets it apart from the basic, pre-activation and bottleneck blocks
            (see the Split-transform-merge page).
            """,
        "tr": r"""
            **Neden ResNeXt?** ResNeXt bloğu residual iskeleti ve bottleneck'i korur, ama bottleneck'in merkezindeki
            3×3 işlemi **grouped conv** yapar: kanallar gruplara bölünür ve gruplar paralel olarak dönüştürülür.
            Böylece kapasite aynı bütçede yeni bir eksende, **cardinality** (group sayısı) ekseninde ölçeklenir. Bu,
            onu basic, pre-activation ve bottleneck bloklarından ayıran ana fikirdir (bkz. Split-transform-merge
            sayfası).
            """,
    },
    "overview.intuition": {
        "en": r"""
            - **Basic**: easy and solid.
            - **Pre-activation**: the same skeleton, better optimisation.
            - **Bottleneck**: make the 3×3 cheap.
            - **ResNeXt**: parallelise the 3×3 group by group and grow capacity with cardinality.
            """,
        "tr": r"""
            - **Basic**: kolay ve sağlam.
            - **Pre-activation**: aynı iskelet, daha iyi optimizasyon.
            - **Bottleneck**: 3×3'ü ucuzlat.
            - **ResNeXt**: 3×3'ü grup grup paralelleştir, kapasiteyi cardinality ile büyüt.
            """,
    },
    "overview.choice": {
        "en": r"""
            - **Basic block**: a strong baseline at small and medium depth (ResNet-18/34); easy to train.
            - **Pre-activation**: for very deep networks, where the clean identity path keeps training stable.
            - **Bottleneck**: the classic choice from 50 layers up; good compute efficiency.
            - **ResNeXt (grouped conv)**: a good candidate when you want more capacity at the same budget. Raising
              cardinality (groups) is sometimes more efficient than raising width, but weigh how efficient grouped
              conv kernels are and how well the target hardware supports them: fewer MACs do not always mean less
              time (see the Run & time page).
            """,
        "tr": r"""
            - **Basic blok**: küçük/orta derinlikte (ResNet-18/34) güçlü bir baseline; eğitimi kolay.
            - **Pre-activation**: çok derin mimarilerde eğitim stabilitesi için tercih edilebilir; temiz identity
              hattı eğitimi stabil tutar.
            - **Bottleneck**: 50+ katman hedefleniyorsa klasik seçim; hesap verimliliği iyi.
            - **ResNeXt (grouped conv)**: aynı bütçede daha yüksek kapasite istendiğinde iyi aday. Cardinality
              (groups) artırımı bazen width artırmaktan daha verimli olur; ancak grouped conv kernel verimliliği ve
              hedef donanım desteği göz önünde bulundurulmalı: daha az MACs her zaman daha kısa süre demek değildir
              (bkz. Run & time sayfası).
            """,
    },
    # Graph ----------------------------------------------------------------------------------------------
    "graph.reading": {
        "en": r"""
            Traced from the real PyTorch module with `torch.fx` (never drawn by hand): every node is one operation,
            every edge carries the tensor's shape. The main path $F(x)$ and the shortcut are drawn apart, the
            shortcut in purple (a dashed edge for the identity, a dashed box for a 1×1 projection), and they meet at
            the circle, the addition $y = x + F(x)$. A grouped convolution is shown in orange with a bold border.
            """,
        "tr": r"""
            Gerçek PyTorch modülünden `torch.fx` ile çıkarılır (elle çizilmez): her düğüm bir işlemdir, her kenar
            tensörün şeklini (shape) taşır. Main path $F(x)$ ile shortcut ayrı çizilir; shortcut mor renktedir
            (identity için kesikli bir kenar, 1×1 projection için kesikli bir kutu) ve iki hat daire biçimindeki
            düğümde, yani $y = x + F(x)$ toplamasında birleşir. Grouped conv turuncu renkte ve kalın kenarlıkla
            gösterilir.
            """,
    },
    # Split-transform-merge ------------------------------------------------------------------------------
    "split.cardinality": {
        "en": r"""
            A ResNeXt block is a bottleneck whose 3×3 convolution is a **grouped convolution**. In a grouped conv the
            channels are divided into **g** groups and each group is convolved on its own, with about $C_{in}/g$
            channels per group. One grouped conv does split-transform-merge in a single operation, with 1/g of the
            weights of a dense 3×3 of the same width:

            - **Split**: divide the feature channels into g groups, one per path.
            - **Transform**: apply a 3×3 conv inside each group; group i reads only its own channels.
            - **Merge**: concatenate the paths' outputs, then add the skip: $y = x + F(x)$.

            **Cardinality** is the number of groups g of the grouped conv. In ResNeXt-50 (32×4d), 32 is the
            cardinality and 4d reads as the width of each group (the base width). Depth and width are the usual ways
            to improve a ResNet; ResNeXt proposes a third: raise the cardinality, that is more groups and so more
            parallel transformation paths. At the same budget of parameters and MACs this often gives better
            accuracy without making the model much wider.
            """,
        "tr": r"""
            ResNeXt, Bottleneck bloğunun içindeki 3×3 konvolüsyonu **grouped convolution** olarak tasarlar. Grouped
            conv'ta kanallar **g** gruba ayrılır ve her grup kendi içinde konvolüsyonlanır; her grupta yaklaşık
            $C_{in}/g$ kanal bulunur. Tek bir grouped conv, split-transform-merge'ü tek bir op içinde ve aynı
            genişlikteki dense bir 3×3'ün ağırlıklarının 1/g'si kadarıyla yapar:

            - **Split**: özellik kanallarını her yola bir grup düşecek şekilde g gruba böl.
            - **Transform**: her grup içinde 3×3 conv uygula; grup i yalnızca kendi kanallarını okur.
            - **Merge**: yolların çıktılarını birleştir (concatenate), ardından skip ile topla: $y = x + F(x)$.

            **Cardinality**, grouped conv içindeki group sayısıdır (g). ResNeXt-50 (32×4d) ifadesinde 32
            cardinality'dir; 4d ise her grubun taban genişliği (base width) gibi okunur. ResNet'te performansı
            artırmanın tipik yolları derinliği (depth) ve genişliği (width) artırmaktır; ResNeXt üçüncü bir yol
            önerir: cardinality'yi artırmak, yani daha fazla grup ve dolayısıyla daha fazla paralel dönüşüm yolu. Bu,
            aynı parametre ve MACs bütçesinde modeli "çok genişletmeden" çoğu zaman daha iyi doğruluk sağlar.
            """,
    },
    # Budget ---------------------------------------------------------------------------------------------
    "budget.one_over_g": {
        "en": r"""
            A standard 3×3 conv has $3\cdot 3\cdot C_{in}\cdot C_{out}$ parameters. With g groups, each group maps
            $C_{in}/g$ input channels to $C_{out}/g$ output channels:

            $$
            \text{params} = 3\cdot 3\cdot \frac{C_{in}}{g}\cdot \frac{C_{out}}{g}\cdot g
            = 3\cdot 3\cdot \frac{C_{in}\,C_{out}}{g}
            $$

            So the 3×3's parameters and MACs fall by exactly **1/g**. At the same compute and parameter budget this
            buys either a somewhat wider block or more distinct transformations (higher cardinality). What 1/g does
            not save:

            - the 1×1 convolutions, BN and the shortcut do not change with g, so the whole block shrinks far less
              than its 3×3;
            - the activations keep their size: grouping saves weights, not activation memory;
            - the time does not fall as 1/g either (see the Run & time page).
            """,
        "tr": r"""
            Standart bir 3×3 conv'un parametre sayısı $3\cdot 3\cdot C_{in}\cdot C_{out}$ olur. Group sayısı g
            olursa her grup $C_{in}/g$ giriş kanalını ve $C_{out}/g$ çıkış kanalını işler:

            $$
            \text{params} = 3\cdot 3\cdot \frac{C_{in}}{g}\cdot \frac{C_{out}}{g}\cdot g
            = 3\cdot 3\cdot \frac{C_{in}\,C_{out}}{g}
            $$

            Yani 3×3'ün parametre ve MACs sayısı tam olarak **1/g** oranında düşer. Aynı hesap/parametre bütçesinde
            bu, ya width'in (kanal genişliği) bir miktar artırılmasına ya da daha fazla "farklı dönüşüm" elde
            edilmesine (cardinality artışı) olanak verir. 1/g'nin kazandırmadıkları:

            - 1×1 konvolüsyonlar, BN ve shortcut g ile değişmez; bu yüzden bloğun tamamı 3×3'ünden çok daha az
              küçülür;
            - aktivasyonların boyutu aynı kalır: gruplama ağırlıklardan tasarruf sağlar, aktivasyon belleğinden değil;
            - süre de 1/g oranında düşmez (bkz. Run & time sayfası).
            """,
    },
    # Run & time -----------------------------------------------------------------------------------------
    "run.speed": {
        "en": r"""
            **Why fewer MACs is not proportionally faster.** A grouped 3×3 does 1/g of the dense convolution's
            multiply-adds, but it still reads and writes activations of the same size, so its arithmetic intensity
            (multiply-adds per byte moved) falls with g and the layer becomes bound by memory traffic instead of
            arithmetic. Its kernels are also less efficient: g small matrix products keep fewer vector lanes or
            tensor cores busy than one large one, grouped convolutions get far less tuning in oneDNN and cuDNN than
            dense ones, and fixed costs per layer (kernel launches, framework overhead) do not shrink at all. The
            1×1 convolutions, BN, ReLU and the addition do not change with g, so the block's time falls much more
            slowly than its 3×3's MACs, and at matched complexity, where the paths get narrower as g grows and MACs
            stay put, the time usually rises with cardinality.
            """,
        "tr": r"""
            **Daha az MACs neden orantılı olarak daha hızlı değildir?** Grouped 3×3, dense konvolüsyonun
            multiply-add'lerinin 1/g'sini yapar, ama yine aynı boyutta aktivasyonları okuyup yazar; bu yüzden
            aritmetik yoğunluğu (taşınan bayt başına multiply-add) g ile düşer ve katman aritmetik yerine bellek
            trafiğiyle sınırlanır. Kernel'leri de daha az verimlidir: g tane küçük matris çarpımı, tek bir büyük
            çarpıma göre daha az vektör şeridini (vector lane) ya da tensor core'u meşgul eder; grouped conv'lar
            oneDNN ve cuDNN'de dense olanlara göre çok daha az optimize edilmiştir; katman başına sabit maliyetler
            (kernel başlatmaları, framework yükü) ise hiç küçülmez. Bloktaki 1×1 konvolüsyonlar, BN, ReLU ve toplama
            g ile değişmez; bu yüzden bloğun süresi, 3×3'ünün MACs sayısından çok daha yavaş düşer. Eşit
            karmaşıklıkta (matched complexity), yani g büyüdükçe yolların daraldığı ve MACs sayısının sabit kaldığı
            durumda, süre genellikle cardinality ile birlikte artar.
            """,
    },
}

TEXTS: dict[str, dict[str, str]] = {key: {lang: cleandoc(md) for lang, md in entry.items()} for key, entry in _TEXTS.items()}


def text(key: str, lang: str) -> str:
    """The explanation ``key`` in ``lang`` ("en" or "tr"); any other language gets the English text."""
    entry = TEXTS[key]
    return entry.get(lang, entry["en"])


# The split-transform-merge component: every text it draws, as templates ({g}, {d}, {w}, {in}, {out}, ...)
# that its JavaScript fills in. (English, Turkish)
_SPLIT_COMPONENT: dict[str, tuple[str, str]] = {
    "play": ("Play", "Oynat"),
    "pause": ("Pause", "Duraklat"),
    "prev": ("Previous step", "Önceki adım"),
    "next": ("Next step", "Sonraki adım"),
    "step_label": ("Step", "Adım"),
    "groups_label": ("Groups g", "Grup sayısı g"),
    "step_input": ("input", "giriş"),
    "step_reduce": ("1×1 reduce", "1×1 reduce"),
    "step_split": ("split", "split"),
    "step_transform": ("transform", "transform"),
    "step_merge": ("merge", "merge"),
    "step_expand": ("1×1 expand", "1×1 expand"),
    "step_add": ("add", "toplama"),
    "title_input": ("Input x: {in} channels of {size}×{size}", "Giriş x: {size}×{size} boyutunda {in} kanal"),
    "title_reduce": ("1×1 reduce: {in} → {w} channels, every input feeds every output; then BN and ReLU",
                     "1×1 reduce: {in} → {w} kanal, her giriş her çıkışı besler; ardından BN ve ReLU"),
    "title_split": ("Split: the {w} channels form {g} paths of d = {d} channels each",
                    "Split: {w} kanal, her biri d = {d} kanallık {g} yola ayrılır"),
    "title_split_one": ("g = 1: one path holds all {w} channels, so there is nothing to split",
                        "g = 1: tek bir yol {w} kanalın hepsini taşır; bölünecek bir şey yok"),
    "title_transform": ("Transform: each of the {g} paths has its own 3×3, {d} → {d} channels; path i reads only "
                        "path i; then BN and ReLU",
                        "Transform: {g} yolun her birinin kendi 3×3'ü var, {d} → {d} kanal; yol i yalnızca yol i'yi "
                        "okur; ardından BN ve ReLU"),
    "title_transform_one": ("3×3: {w} → {w} channels, every input feeds every output (one dense 3×3); then BN and ReLU",
                            "3×3: {w} → {w} kanal, her giriş her çıkışı besler (tek bir dense 3×3); ardından BN ve ReLU"),
    "title_stride": ("; stride {stride}: {size}×{size} → {out_size}×{out_size}",
                     "; stride {stride}: {size}×{size} → {out_size}×{out_size}"),
    "title_merge": ("Merge: the {g} paths' outputs are concatenated back into {w} channels",
                    "Merge: {g} yolun çıktıları yeniden {w} kanalda birleştirilir (concatenate)"),
    "title_merge_one": ("g = 1: one path, so there is nothing to concatenate", "g = 1: tek yol var; birleştirilecek bir şey yok"),
    "title_expand": ("1×1 expand: {w} → {out} channels, every input feeds every output; then BN",
                     "1×1 expand: {w} → {out} kanal, her giriş her çıkışı besler; ardından BN"),
    "title_add_identity": ("Add the identity shortcut, y = x + F(x), then ReLU: {out} channels out",
                           "Identity shortcut eklenir, y = x + F(x), ardından ReLU: çıkışta {out} kanal"),
    "title_add_projection": ("Add the projection shortcut, y = W_s·x + F(x) (1×1 conv + BN, {in} → {out}), then ReLU",
                             "Projection shortcut eklenir, y = W_s·x + F(x) (1×1 conv + BN, {in} → {out}), ardından ReLU"),
    "added": ("+{n} parameters", "+{n} parametre"),
    "no_params": ("no parameters", "parametre yok"),
    "detail": ("{added} · {total} of {all} parameters so far · {macs} MACs so far",
               "{added} · şimdiye dek {all} parametrenin {total} tanesi · şimdiye dek {macs} MACs"),
    "width_eq": ("width = g × d = {g} × {d} = {w}", "width = g × d = {g} × {d} = {w}"),
    "depthwise": ("depthwise (MobileNet, Xception)", "depthwise (MobileNet, Xception)"),
    "more_paths": ("⋯ × {n} more paths", "⋯ × {n} yol daha"),
    "channels": ("{n} ch", "{n} kanal"),
    "col_x": ("x", "x"),
    "col_y": ("y", "y"),
    "op_reduce": ("1×1 conv", "1×1 conv"),
    "op_conv": ("3×3 conv", "3×3 conv"),
    "op_grouped": ("3×3 conv, g = {g}", "3×3 conv, g = {g}"),
    "op_concat": ("concat", "concat"),
    "op_expand": ("1×1 conv", "1×1 conv"),
    "bn_relu": ("BN · ReLU", "BN · ReLU"),
    "bn": ("BN", "BN"),
    "relu": ("ReLU", "ReLU"),
    "identity": ("identity: x", "identity: x"),
    "projection": ("projection W_s: 1×1 conv + BN", "projection W_s: 1×1 conv + BN"),
    "hint": ("Point at or click a path to follow it through the block and into the weight map.",
             "Bir yolu blok boyunca ve ağırlık haritasında izlemek için üzerine gelin ya da tıklayın."),
    "path_info": ("Path {i} of {g}: {ch} channels. Its share of the 1×1 reduce: {in} × {d} = {r} weights; its own "
                  "3×3: 9 × {d} × {d} = {c} weights; its share of the 1×1 expand: {d} × {out} = {e} weights.",
                  "Yol {i} / {g}: {ch} kanal. 1×1 reduce'taki payı: {in} × {d} = {r} ağırlık; kendi 3×3'ü: "
                  "9 × {d} × {d} = {c} ağırlık; 1×1 expand'deki payı: {d} × {out} = {e} ağırlık."),
    "path_info_one": ("The one path: {ch} channels. 1×1 reduce: {r} weights; dense 3×3: 9 × {w} × {w} = {c} weights; "
                      "1×1 expand: {e} weights.",
                      "Tek yol: {ch} kanal. 1×1 reduce: {r} ağırlık; dense 3×3: 9 × {w} × {w} = {c} ağırlık; "
                      "1×1 expand: {e} ağırlık."),
    "rest_info": ("The other {n} paths: {ch} channels, each path with its own 3×3 of 9 × {d} × {d} weights, {c} in all; "
                  "their share of the 1×1 reduce: {r} weights, of the 1×1 expand: {e}.",
                  "Diğer {n} yol: {ch} kanal; her yolun 9 × {d} × {d} ağırlıklı kendi 3×3'ü var, toplam {c}; "
                  "1×1 reduce'taki payları: {r} ağırlık, 1×1 expand'deki: {e}."),
    "map_grouped": ("Grouped 3×3, g = {g}: {n} weights", "Grouped 3×3, g = {g}: {n} ağırlık"),
    "map_dense": ("Dense 3×3: {n} weights", "Dense 3×3: {n} ağırlık"),
    "map_in": ("input channel (of {n})", "giriş kanalı ({n} kanal)"),
    "map_out": ("output channel", "çıkış kanalı"),
    "map_note": ("The C_out × C_in weight matrix, one entry per 3×3 kernel: {g} blocks of {d} × {d} on the diagonal. "
                 "Output channel o reads input channel i only inside its own path, so the grouped 3×3 stores 1/{g} "
                 "of the dense weights.",
                 "C_out × C_in ağırlık matrisi, her 3×3 kernel için bir giriş: köşegende {d} × {d} boyutunda {g} blok. "
                 "Çıkış kanalı o, giriş kanalı i'yi yalnızca kendi yolunda okur; bu yüzden grouped 3×3, dense "
                 "ağırlıkların 1/{g}'sini saklar."),
    "map_note_one": ("With g = 1 the 3×3 is dense: every output channel reads every input channel.",
                     "g = 1 iken 3×3 dense'tir: her çıkış kanalı her giriş kanalını okur."),
}


def component_texts(lang: str) -> dict[str, str]:
    """Every text of the split-transform-merge component in ``lang`` ("en" or "tr"; any other gets English)."""
    i = 1 if lang == "tr" else 0
    return {key: pair[i] for key, pair in _SPLIT_COMPONENT.items()}
