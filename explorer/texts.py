"""The explanations each page shows, in English and in Turkish, the language of the project's notes.

Taken from the notes on ResNeXt blocks (sections 1-9). Both languages say the same thing, paragraph for paragraph;
the technical terms stay in English in the Turkish text, as the notes keep them ("grouped conv", "cardinality",
"bottleneck", "residual", "skip", "shortcut", "FLOPs", "MACs"). Every short string (headings, labels, figures)
is said through explorer/i18n.py with its Turkish in explorer/catalog/. Keys are "<page>.<topic>"; a page shows
an entry with ``controls.explain(key, view)``. The texts are trusted Markdown.
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
            Günümüz CNN'lerinin residual bloklarını görerek, değiştirerek ve çalıştırarak öğrenin: **basic** blok
            (ResNet-18/34), **pre-activation** blok (ResNet v2), **bottleneck** (ResNet-50 ve daha derin ağlar) ve
            ResNeXt'in **grouped conv** kullanan bottleneck'i. Kenar çubuğundaki her ayar adresin bir parçasıdır: adresi
            kopyalayıp paylaşırsanız karşınızdaki de tam olarak sizin gördüğünüzü görür.
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
            Residual blok, $H(x)$ eşlemesini doğrudan öğrenmek yerine *artık* (residual) fonksiyonu $F(x) = H(x) - x$'i
            öğrenir ve girdisini sonuca geri ekler:

            $$
            y = x + F(x)
            $$

            Burada $x$ skip/identity hattından geçen girdi, $F(x)$ ise main path üzerindeki konvolüsyon, normalizasyon ve
            aktivasyonların ürettiği dönüşümdür. Neden işe yarar?

            - Skip bağlantısı, derin ağlarda **gradyan akışını** iyileştirir.
            - Katacak yararlı bir şeyi olmayan blok kolayca "hiçbir şey yapmama" (identity) davranışına yakınsar:
              $F(x) \approx 0$ öğrenir ve girdisini olduğu gibi aktarır.
            - Optimizasyon daha stabil olur: $F(x)$'in yalnızca küçük düzeltmeleri öğrenmesi yeter.
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
            Blok kanal sayısını ya da uzamsal boyutu (H×W) değiştiriyorsa skip hattının da uyarlanması gerekir:

            $$
            y = W_s\,x + F(x)
            $$

            Pratikte $W_s$, bloğun stride'ıyla çalışan bir 1×1 conv ve ardından gelen bir BN'dir: *projection shortcut*.
            Bu denklem basic, pre-activation, bottleneck ve ResNeXt, bütün residual blokların iskeletidir; aralarındaki tek
            fark $F(x)$'in nasıl kurulduğudur.
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
            **Neden pre-activation?** ResNet v2, normalizasyonu ve aktivasyonu **toplamadan önceye** alır: BN ve ReLU her
            konvolüsyondan önce gelir, toplamadan sonra ise hiçbir şey yoktur.

            - v1 (klasik): Conv → BN → ReLU → Conv → BN → (+) → ReLU
            - v2 (pre-act): BN → ReLU → Conv → BN → ReLU → Conv → (+)

            Böylece skip hattı boyunca "daha temiz" bir identity akışı olur: normalizasyon ve aktivasyonlar main path'i
            şekillendirirken skip hattı mümkün olduğunca bozulmadan akar. Parametre sayısı değişmeden bu genellikle daha iyi
            bir eğitim dinamiği sağlar ve çok derin ağlarda optimizasyonu daha da stabil hale getirir.
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
            **Neden bottleneck?** Basic blok iki 3×3 konvolüsyonunu doğrudan tam kanal genişliğinde çalıştırır; kanal
            genişliği (width) arttıkça maliyet hızla yükselir (3×3 pahalıdır). Bottleneck ise pahalı 3×3'ü dar bir kanal
            alanında yaptırır:

            - 1×1 conv (reduce, daraltma): $C \to C_b$, çoğu zaman $C_b = C/4$
            - 3×3 conv (işleme): $C_b$ kanal üzerinde
            - 1×1 conv (expand, genişletme): $C_b \to 4\,C_b$

            3×3 az sayıda kanal üzerinde çalıştığı için MAC sayısı (ve FLOPs) düşer; böylece 50, 101 ya da 152 katmanlı
            ağlar pratik hale gelir.
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
            **Neden ResNeXt?** ResNeXt residual iskeleti ve bottleneck'i korur, ama bottleneck'in ortasındaki 3×3'ü
            **grouped conv** yapar: kanallar gruplara bölünür ve her grup paralel olarak dönüştürülür. Böylece kapasite,
            aynı bütçeyle yeni bir eksende büyür: **cardinality**, yani grup sayısı. ResNeXt'i basic, pre-activation ve
            bottleneck bloklarından ayıran ana fikir budur (bkz. Split-transform-merge sayfası).
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
            - **Basic blok**: küçük ve orta derinlikte (ResNet-18/34) güçlü bir baseline; eğitmesi kolaydır.
            - **Pre-activation**: çok derin ağlar için; temiz identity hattı eğitimi stabil tutar.
            - **Bottleneck**: 50 ve daha fazla katman hedefleniyorsa klasik seçim; hesap verimliliği iyidir.
            - **ResNeXt (grouped conv)**: aynı bütçede daha yüksek kapasite istendiğinde iyi bir aday. Cardinality'yi
              (groups) artırmak bazen genişliği (width) artırmaktan daha verimlidir; ama grouped conv kernel'lerinin ne kadar
              verimli olduğunu ve hedef donanımın onları ne kadar iyi desteklediğini de hesaba katın: MAC sayısının azalması
              her zaman sürenin kısalması demek değildir (bkz. Çalıştır ve ölç sayfası).
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
            Bu graf gerçek PyTorch modülünden `torch.fx` ile çıkarılır, elle çizilmez: her düğüm bir işlem, her kenar
            tensörün şeklini taşır. Main path $F(x)$ ile shortcut ayrı çizilir, shortcut mor renktedir (identity kesikli bir
            kenarla, 1×1 projection kesikli bir kutuyla gösterilir); iki hat dairede, yani $y = x + F(x)$ toplamasında
            birleşir. Grouped conv turuncu renkte ve kalın kenarlıkla gösterilir.
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
            ResNeXt, bottleneck bloğunun içindeki 3×3 konvolüsyonu **grouped convolution** olarak tasarlar. Grouped conv'da
            kanallar **g** gruba ayrılır ve her grup kendi içinde konvolüsyonlanır; her grupta yaklaşık $C_{in}/g$ kanal
            bulunur. Tek bir grouped conv, split-transform-merge'ün üç adımını tek bir işlemde yapar, üstelik aynı
            genişlikteki dense bir 3×3'ün ağırlıklarının yalnızca 1/g'siyle:

            - **Split**: özellik kanallarını g gruba böl; her grup bir yol olur.
            - **Transform**: her grubun içinde 3×3 conv uygula; grup i yalnızca kendi kanallarını okur.
            - **Merge**: yolların çıktılarını birleştir (concatenate), ardından skip ile topla: $y = x + F(x)$.

            **Cardinality**, grouped conv içindeki grup sayısıdır (g). ResNeXt-50 (32×4d) ifadesinde 32 cardinality'dir;
            4d ise her grubun taban genişliği (base width) gibi okunur. ResNet'te performansı artırmanın tipik yolları
            derinliği (depth) ve genişliği (width) artırmaktır; ResNeXt üçüncü bir yol önerir: cardinality'yi artırmak, yani
            daha fazla grup, dolayısıyla daha fazla paralel dönüşüm yolu. Aynı parametre ve MAC bütçesinde bu, modeli "çok
            genişletmeden" çoğu zaman daha iyi doğruluk sağlar.
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
            Standart bir 3×3 conv'un $3\cdot 3\cdot C_{in}\cdot C_{out}$ parametresi vardır. Grup sayısı g olduğunda her grup
            $C_{in}/g$ giriş kanalını $C_{out}/g$ çıkış kanalına dönüştürür:

            $$
            \text{params} = 3\cdot 3\cdot \frac{C_{in}}{g}\cdot \frac{C_{out}}{g}\cdot g
            = 3\cdot 3\cdot \frac{C_{in}\,C_{out}}{g}
            $$

            Yani 3×3'ün parametre ve MAC sayısı tam olarak **1/g** katına iner. Aynı hesap ve parametre bütçesiyle bu kazanç
            ya bloğu biraz genişletmeye (width) ya da daha fazla farklı dönüşüme (daha yüksek cardinality) harcanabilir. Ama 1/g
            her şeyi küçültmez:

            - 1×1 konvolüsyonlar, BN ve shortcut g ile değişmez; bu yüzden bloğun tamamı 3×3'ünden çok daha az küçülür;
            - aktivasyonların boyutu aynı kalır: gruplama ağırlıktan tasarruf ettirir, aktivasyon belleğinden değil;
            - süre de 1/g katına inmez (bkz. Çalıştır ve ölç sayfası).
            """,
    },
    # Run & time -----------------------------------------------------------------------------------------
    "run.speed": {
        "en": r"""
            **Why fewer MACs is not proportionally faster.** A grouped 3×3 does 1/g of the dense convolution's
            multiply-adds, but it still reads and writes activations of the same size, so its arithmetic intensity
            (multiply-adds per byte moved) falls with g and the layer becomes bound by memory traffic instead of
            arithmetic. Its kernels are also less efficient: g small matrix products keep fewer vector lanes or
            tensor cores busy than one large one, grouped convolutions get far less tuning in `oneDNN` and cuDNN than
            dense ones, and fixed costs per layer (kernel launches, framework overhead) do not shrink at all. The
            1×1 convolutions, BN, ReLU and the addition do not change with g, so the block's time falls much more
            slowly than its 3×3's MACs, and at matched complexity, where the paths get narrower as g grows and MACs
            stay put, the time usually rises with cardinality.
            """,
        "tr": r"""
            **MAC sayısı azalınca süre neden aynı oranda kısalmaz?** Grouped 3×3, dense konvolüsyonun çarpma-toplama
            işlemlerinin (MACs) yalnızca 1/g'sini yapar, ama aynı boyuttaki aktivasyonları yine okuyup yazar. Bu yüzden
            aritmetik yoğunluğu (taşınan bayt başına çarpma-toplama) g ile düşer ve katmanı sınırlayan artık aritmetik değil
            bellek trafiği olur. Kernel'leri de daha az verimlidir: g tane küçük matris çarpımı, tek bir büyük çarpım kadar
            vektör birimini ya da GPU'nun matris birimlerini meşgul edemez; `oneDNN` ve cuDNN'de grouped conv'lar dense
            olanlardan çok daha az optimize edilmiştir; katman başına sabit maliyetler (kernel başlatma, PyTorch'un kendi
            ek yükü) ise hiç küçülmez. 1×1 konvolüsyonlar, BN, ReLU ve toplama g ile değişmez; bu yüzden bloğun süresi,
            3×3'ünün MAC sayısından çok daha yavaş düşer. Eşit karmaşıklıkta ise, yani g büyüdükçe yollar daralıp MAC
            sayısı sabit kaldığında, süre genellikle cardinality ile birlikte artar.
            """,
    },
    # Why residual blocks work -----------------------------------------------------------------------------
    "why.intro": {
        "en": r"""
            The notes say the shortcut "improves gradient flow" and lets a block fall back to the identity, and that
            pre-activation gives a cleaner identity path. This page lets you watch it happen with the project's own
            blocks: first in one backward pass through a freshly initialised stack, then in a real training race on
            handwritten digits.
            """,
        "tr": r"""
            Notlar, shortcut'ın "gradyan akışını iyileştirdiğini", bloğun gerektiğinde identity'ye dönebildiğini ve
            pre-activation'ın daha temiz bir identity hattı sağladığını söyler. Bu sayfada bunların nasıl gerçekleştiğini
            projenin kendi bloklarıyla görebilirsiniz: önce yeni başlatılmış bir yığında tek bir geri geçişte, sonra el yazısı
            rakamlarla gerçek bir eğitim yarışında.
            """,
    },
    "why.gradflow": {
        "en": r"""
            **What the figure shows.** A stack of N copies of the block at 16 channels on 8×8 inputs, batch 64,
            BN in training mode, initialised as torchvision initialises its ResNets, gets one fixed random batch; the
            loss is a fixed random read-out of the output, so the backward signal has no preferred direction. Each
            point is the norm of the gradient of one block's weights, block 1 next to the input.

            - **Plain stack** (the same layers, no addition): the gradient grows exponentially towards the input. With
              batch normalisation and no shortcut the gradient *explodes* at initialisation, as Yang et al.
              (ICLR 2019, ["A Mean Field Theory of Batch Normalization"](https://arxiv.org/abs/1902.08129)) proved:
              BN itself causes it.
            - **v1 residual** (He et al. 2016a): the shortcut adds an identity term to every block's Jacobian, and the
              ratio first/last stays within about an order of magnitude even at 50 blocks.
            - **Pre-activation** (He et al. 2016b, ["Identity Mappings in Deep Residual
              Networks"](https://arxiv.org/abs/1603.05027)): nothing follows the addition, so
              $x_L = x_l + \sum_{i=l}^{L-1} F(x_i)$ and the gradient reaching block $l$ always contains
              the undamped term $\partial \mathcal{L} / \partial x_L$: the flattest curve.
            """,
        "tr": r"""
            **Şekil neyi gösteriyor?** Bloğun N kopyasından oluşan bir yığın (16 kanal, 8×8 girdi, batch 64, BN eğitim
            modunda, ağırlıklar torchvision'ın ResNet'leri başlattığı gibi başlatılmış) sabit, rastgele tek bir batch alır.
            Kayıp, çıktının sabit rastgele katsayılarla ağırlıklı toplamıdır; böylece geriye akan sinyalin tercih ettiği bir
            yön olmaz. Her nokta bir bloğun ağırlıklarının gradyan normudur; blok 1 girdiye en yakın bloktur.

            - **Plain yığın** (aynı katmanlar, toplama yok): gradyan girdiye doğru üstel olarak büyür. BN varken shortcut
              yoksa gradyan başlangıçta *patlar*: Yang ve ark.
              (ICLR 2019, ["A Mean Field Theory of Batch Normalization"](https://arxiv.org/abs/1902.08129)) bunu kanıtladı;
              sebep BN'in kendisidir.
            - **v1 residual** (He ve ark. 2016a): shortcut her bloğun Jacobi matrisine bir identity terimi ekler; ilk/son
              oranı 50 blokta bile aşağı yukarı bir büyüklük mertebesi içinde kalır.
            - **Pre-activation** (He ve ark. 2016b,
              ["Identity Mappings in Deep Residual Networks"](https://arxiv.org/abs/1603.05027)): toplamadan sonra hiçbir
              şey gelmez, bu yüzden $x_L = x_l + \sum_{i=l}^{L-1} F(x_i)$ olur ve blok $l$'ye ulaşan gradyan her zaman
              sönümlenmemiş $\partial \mathcal{L} / \partial x_L$ terimini içerir: eğrilerin en düzü budur.
            """,
    },
    "why.shattered": {
        "en": r"""
            **Reproducing Balduzzi et al. (ICML 2017), Fig. 1 and 2**, from ["The Shattered Gradients
            Problem"](https://arxiv.org/abs/1702.08591). The input
            moves along a line, $x(t) = t\,u$ for $t$ from −2 to 2 and a fixed random image $u$, and the plot shows
            $df/dt$ for a scalar read-out $f$ of the stack's output (BN uses the statistics of the whole sweep, as
            their batch). Without the shortcut the derivative looks like white noise: neighbouring inputs get
            unrelated gradients, and its autocorrelation drops to about zero at lag 1, as in their deep feedforward
            network. With the shortcut it stays correlated over many neighbouring points, as in their resnet.

            How close it comes: they used fully connected networks 200 units wide on a one-dimensional input (24
            layers without skips, 50 with); this uses the project's conv blocks on a line through image space, so the
            curves are not theirs point for point, but the contrast, white noise against a correlated signal, is the
            same.
            """,
        "tr": r"""
            **Balduzzi ve arkadaşlarının (ICML 2017) Şekil 1 ve 2'si yeniden üretiliyor**; makale,
            ["The Shattered Gradients Problem"](https://arxiv.org/abs/1702.08591), parçalanmış gradyanlar sorununu
            anlatır. Girdi bir doğru boyunca hareket eder: sabit,
            rastgele bir $u$ görüntüsü ve −2'den 2'ye giden $t$ için $x(t) = t\,u$. Grafik, yığının çıktısından alınan
            skaler bir $f$ değerinin türevi $df/dt$'yi gösterir (BN, onların batch'i gibi tüm taramanın istatistiklerini
            kullanır). Shortcut olmadan türev beyaz gürültüye benzer: komşu girdiler birbiriyle ilgisiz gradyanlar alır ve
            otokorelasyon, onların derin ileri beslemeli ağındaki gibi gecikme 1'de neredeyse sıfıra düşer. Shortcut varken
            türev birçok komşu nokta boyunca ilişkili kalır, tıpkı onların resnet'inde olduğu gibi.

            Ne kadar benziyor? Onlar tek boyutlu bir girdiyle, 200 birim genişliğinde tam bağlantılı ağlar kullandı (skip
            olmadan 24, skip ile 50 katman); burada ise projenin conv blokları görüntü uzayındaki bir doğru üzerinde
            çalışıyor. Bu yüzden eğriler nokta nokta onlarınkiyle aynı değil, ama karşıtlık aynı: bir yanda beyaz gürültü,
            öbür yanda ilişkili bir sinyal.
            """,
    },
    "why.paths": {
        "en": r"""
            **Veit et al. 2016, ["Residual Networks Behave Like Ensembles of Relatively Shallow
            Networks"](https://arxiv.org/abs/1605.06431), Fig. 6.**
            Unrolled, N residual blocks are $2^N$ paths: each block is either taken (through $F$) or skipped, so
            $\binom{N}{k}$ paths have length $k$, a binomial distribution centred on N/2 (left). Measured on the
            pre-activation stack, whose block output is exactly $x + F(x)$: one forward pass, then backward passes that
            each follow one random path of length $k$. The gradient along one path falls exponentially with its
            length (middle), so the product (right) peaks at short paths: most of the gradient comes from paths much
            shorter than the network is deep, as Veit et al. found for ResNet-110, where paths of 5 to 17 blocks
            carried almost all of it.
            """,
        "tr": r"""
            **Veit ve ark. 2016,
            ["Residual Networks Behave Like Ensembles of Relatively Shallow Networks"](https://arxiv.org/abs/1605.06431),
            Şekil 6** (residual ağlar, görece sığ ağlardan oluşan bir topluluk gibi davranır).
            Açıldığında N residual blok $2^N$ yoldan oluşur: her blokta ya $F$ üzerinden geçilir ya da blok atlanır (skip);
            bu yüzden $\binom{N}{k}$ yolun uzunluğu $k$'dir, yani yol uzunlukları N/2 etrafında binom dağılımı gösterir
            (solda). Ölçüm, blok çıktısı tam olarak $x + F(x)$ olan pre-activation yığında yapılır: bir ileri geçiş, ardından
            her biri $k$ uzunluğunda rastgele bir yolu izleyen geri geçişler. Tek bir yol boyunca gradyan, yolun uzunluğuyla
            üstel olarak azalır (ortada); bu yüzden çarpım (sağda) kısa yollarda zirve yapar: gradyanın çoğu, ağın
            derinliğinden çok daha kısa yollardan gelir. Veit ve ark. de ResNet-110'da aynısını bulmuştu: orada gradyanın
            neredeyse tamamını 5 ile 17 blok uzunluğundaki yollar taşıyordu.
            """,
    },
    "why.race": {
        "en": r"""
            Small networks of each kind train side by side on `scikit-learn`'s `load_digits` (1,797 handwritten 8×8
            digits that ship inside the package, so nothing is downloaded), split once into 1,347 training and 450 test
            images: a 3×3 stem, N blocks at a fixed width, global pooling and a linear layer. The **plain** stack has
            the basic block's layers without the addition. Each kind trains from three seeds, drawn as a band around
            their mean. At the default depth the *degradation problem* shows: the deeper plain stack trains worse than
            the residual ones, the effect He et al. (2016a, Fig. 1) showed on CIFAR-10 and ImageNet at 20 and 56
            layers.
            """,
        "tr": r"""
            Her türden küçük bir ağ, `scikit-learn`'ün `load_digits` veri kümesinde yan yana eğitilir (paketle birlikte
            gelen 1.797 el yazısı 8×8 rakam; hiçbir şey indirilmez). Veri bir kez 1.347 eğitim ve 450 test görüntüsüne
            ayrılır. Her ağ şunlardan oluşur: bir 3×3 stem, sabit genişlikte N blok, küresel ortalama havuzlama ve bir
            doğrusal katman. **Plain** yığında basic bloğun katmanları vardır, ama toplama yoktur. Her tür üç farklı seed ile
            eğitilir; eğriler, ortalamanın çevresinde bir bant olarak çizilir. Varsayılan derinlikte *bozulma problemi*
            görülür: daha derin plain yığın, residual olanlardan daha kötü eğitilir. He ve ark. (2016a, Şekil 1) bu etkiyi
            CIFAR-10 ve ImageNet'te 20 ve 56 katmanlı ağlarla göstermişti.
            """,
    },
    "why.lesion": {
        "en": r"""
            **Lesion study (Veit et al. 2016, Fig. 3).** Each point deletes one block from the trained network (its
            input goes straight to the next block) and measures the test accuracy left; the dotted lines are the intact
            networks. Removing a block from a residual network costs little, since the other paths still carry the
            signal, while removing one from a plain network, which has a single path, breaks it, as deleting a layer
            from VGG did in their experiment.
            """,
        "tr": r"""
            **Lezyon çalışması (Veit ve ark. 2016, Şekil 3).** Her nokta, eğitilmiş ağdan tek bir blok silindiğinde (bloğun
            girdisi doğrudan bir sonraki bloğa geçer) kalan test doğruluğudur; noktalı çizgiler ağların bozulmamış hâlini
            gösterir. Residual bir ağdan bir blok çıkarmak az kaybettirir, çünkü sinyali diğer yollar taşımaya devam eder;
            tek bir yolu olan plain bir ağdan bir blok çıkarmak ise ağı çökertir, tıpkı onların deneyinde VGG'den bir katman
            silindiğinde olduğu gibi.
            """,
    },
}

TEXTS: dict[str, dict[str, str]] = {key: {lang: cleandoc(md) for lang, md in entry.items()} for key, entry in _TEXTS.items()}


def sentence(message: object) -> str:
    """A library message (lower-case, no full stop, as the library words them) shown as a sentence."""
    words = str(message)
    return f"{words[:1].upper()}{words[1:]}." if words else ""


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
    "step_input": ("input", "girdi"),
    "step_reduce": ("1×1 reduce", "1×1 reduce"),
    "step_split": ("split", "split"),
    "step_transform": ("transform", "transform"),
    "step_merge": ("merge", "merge"),
    "step_expand": ("1×1 expand", "1×1 expand"),
    "step_add": ("add", "toplama"),
    "title_input": ("Input x: {in} channels of {size}×{size}", "Girdi x: {size}×{size} boyutunda {in} kanal"),
    "title_reduce": ("1×1 reduce: {in} → {w} channels, every input feeds every output; then BN and ReLU",
                     "1×1 reduce: {in} → {w} kanal; her giriş kanalı her çıkış kanalını besler, ardından BN ve ReLU"),
    "title_split": ("Split: the {w} channels form {g} paths of d = {d} channels each",
                    "Split: {w} kanal, her biri d = {d} kanal taşıyan {g} yola ayrılır"),
    "title_split_one": ("g = 1: one path holds all {w} channels, so there is nothing to split",
                        "g = 1: {w} kanalın hepsi tek bir yolda; bölünecek bir şey yok"),
    "title_transform": ("Transform: each of the {g} paths has its own 3×3, {d} → {d} channels; path i reads only "
                        "path i; then BN and ReLU",
                        "Transform: {g} yolun her birinin kendi 3×3'ü vardır ({d} → {d} kanal); i. yol yalnızca kendi "
                        "kanallarını okur, ardından BN ve ReLU"),
    "title_transform_one": ("3×3: {w} → {w} channels, every input feeds every output (g = 1: an ordinary dense 3×3); "
                            "then BN and ReLU",
                            "3×3: {w} → {w} kanal; her giriş kanalı her çıkış kanalını besler (g = 1: sıradan, dense bir "
                            "3×3), ardından BN ve ReLU"),
    "title_stride": ("; stride {stride}: {size}×{size} → {out_size}×{out_size}",
                     "; stride {stride}: {size}×{size} → {out_size}×{out_size}"),
    "title_merge": ("Merge: the {g} paths' outputs are concatenated back into {w} channels",
                    "Merge: {g} yolun çıktıları art arda eklenir (concatenate) ve yeniden {w} kanal olur"),
    "title_merge_one": ("g = 1: one path, so there is nothing to concatenate",
                        "g = 1: tek yol var; art arda eklenecek bir şey yok"),
    "title_expand": ("1×1 expand: {w} → {out} channels, every input feeds every output; then BN",
                     "1×1 expand: {w} → {out} kanal; her giriş kanalı her çıkış kanalını besler, ardından BN"),
    "title_add_identity": ("Add the identity shortcut, y = x + F(x), then ReLU: {out} channels out",
                           "Identity shortcut eklenir: y = x + F(x), ardından ReLU; çıkışta {out} kanal"),
    "title_add_projection": ("Add the projection shortcut, y = W_s·x + F(x) (1×1 conv + BN, {in} → {out}), then ReLU",
                             "Projection shortcut eklenir: y = W_s·x + F(x) (1×1 conv + BN, {in} → {out}), ardından ReLU"),
    "added": ("+{n} parameters", "+{n} parametre"),
    "no_params": ("no parameters at this step", "bu adımda parametre yok"),
    "detail": ("{added} · {total} of {all} parameters so far · {macs} MACs so far",
               "{added} · şu ana kadar {total} / {all} parametre · şu ana kadar {macs} MACs"),
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
                  "{g} yoldan {i}. yol: {ch} kanal. 1×1 reduce'taki payı {in} × {d} = {r} ağırlık, kendi 3×3'ü "
                  "9 × {d} × {d} = {c} ağırlık, 1×1 expand'deki payı {d} × {out} = {e} ağırlık."),
    "path_info_one": ("The one path: {ch} channels. 1×1 reduce: {r} weights; an ordinary dense 3×3: 9 × {w} × {w} = "
                      "{c} weights; "
                      "1×1 expand: {e} weights.",
                      "Tek yol: {ch} kanal. 1×1 reduce: {r} ağırlık; sıradan, dense 3×3: 9 × {w} × {w} = {c} ağırlık; "
                      "1×1 expand: {e} ağırlık."),
    "rest_info": ("The other {n} paths: {ch} channels, each path with its own 3×3 of 9 × {d} × {d} weights, {c} in all; "
                  "their share of the 1×1 reduce: {r} weights, of the 1×1 expand: {e}.",
                  "Kalan {n} yol: {ch} kanal; her yolun 9 × {d} × {d} ağırlıklı kendi 3×3'ü var, hepsi birlikte {c}; "
                  "1×1 reduce'taki payları {r} ağırlık, 1×1 expand'deki payları {e}."),
    "map_grouped": ("Grouped 3×3, g = {g}: {n} weights", "Grouped 3×3, g = {g}: {n} ağırlık"),
    "map_grouped_one": ("g = 1, the same dense 3×3: {n} weights", "g = 1, yani aynı dense 3×3: {n} ağırlık"),
    "map_dense": ("Dense 3×3: {n} weights", "Dense 3×3: {n} ağırlık"),
    "map_in": ("input channel (of {n})", "giriş kanalı (toplam {n})"),
    "map_out": ("output channel", "çıkış kanalı"),
    "map_note": ("The weight matrix, output channels × input channels, one entry per 3×3 kernel: {g} blocks of "
                 "{d} × {d} on the diagonal. "
                 "Output channel o reads input channel i only inside its own path, so the grouped 3×3 stores 1/{g} "
                 "of the dense weights.",
                 "Ağırlık matrisi (çıkış kanalları × giriş kanalları), her 3×3 kernel bir hücre: köşegende {d} × {d} "
                 "boyutunda {g} blok. Bir çıkış kanalı, yalnızca kendi yolundaki giriş kanallarını okur; bu yüzden "
                 "grouped 3×3, dense 3×3'ün ağırlıklarının yalnızca 1/{g} kadarını saklar."),
    # Around the component, on the page.
    "position_label": ("Where the block stands in its stage", "Bloğun kendi aşamasındaki yeri"),
    "position_repeated": ("Repeated block (identity shortcut)", "Tekrarlanan blok (identity shortcut)"),
    "position_first": ("First block of a stage (projection)", "Aşamanın ilk bloğu (projection)"),
    "position_help": ("The paper's Table 2 block repeats inside a stage (256 → 256, y = x + F(x)); the first block of "
                      "a stage changes the channels, so its shortcut is a 1×1 projection (y = W_s·x + F(x)).",
                      "Makalenin Tablo 2'sindeki blok bir aşamanın içinde tekrarlanır (256 → 256, y = x + F(x)); "
                      "aşamanın ilk bloğu kanal sayısını değiştirir, bu yüzden shortcut'ı bir 1×1 projection'dır "
                      "(y = W_s·x + F(x))."),
    "hold_width": ("the grouped width", "grouped width (g·d)"),
    "hold_d": ("the channels per path d", "yol başına kanal sayısı d"),
    "hold_cost": ("the block's cost", "bloğun maliyeti"),
    "page_caption": ("Holding {hold} (the sidebar's choice), the g slider in the figure runs over every g this allows. "
                     "Drag it, play or scrub the steps: the figure answers at once, and the page follows when you let "
                     "go. Each colour is one path; at most 16 paths are drawn one by one, the rest as one grey band "
                     "with their count.",
                     "Kenar çubuğundaki seçime göre {hold} sabit tutulur; şekildeki g kaydırıcısı bunun izin verdiği "
                     "her g değerinden geçer. Kaydırın, oynatın ya da adımlar arasında gezinin: şekil hemen yanıt verir, "
                     "sayfa ise bıraktığınızda güncellenir. Her renk bir yoldur; en çok 16 yol tek tek çizilir, "
                     "kalanlar sayılarıyla birlikte tek bir gri bant olarak gösterilir."),
    "map_note_one": ("g = 1 is an ordinary dense 3×3: every output channel reads every input channel.",
                     "g = 1 sıradan, dense bir 3×3'tür: her çıkış kanalı her giriş kanalını okur."),
}


def component_texts(lang: str) -> dict[str, str]:
    """Every text of the split-transform-merge component in ``lang`` ("en" or "tr"; any other gets English)."""
    i = 1 if lang == "tr" else 0
    return {key: pair[i] for key, pair in _SPLIT_COMPONENT.items()}
