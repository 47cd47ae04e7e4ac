"""The Turkish of the why strings (see explorer/catalog/__init__.py): the Why page, its figures, its training race
and the messages of resblocks.stacks, resblocks.gradflow and resblocks.training."""

TR: dict[str, str] = {
    # Headings and controls -----------------------------------------------------------------------------------
    "Why residual blocks work": "Residual bloklar neden işe yarar?",
    "The stacks and the race below build their own small blocks; the block chosen in the sidebar ({label}) is not "
    "used on this page.":
        "Aşağıdaki yığınlar ve yarış kendi küçük bloklarını kurar; kenar çubuğunda seçilen blok ({label}) bu sayfada "
        "kullanılmaz.",
    "Gradient flow at initialisation": "Başlangıçta gradyan akışı",
    "Block family": "Blok ailesi",
    "basic: plain, basic and preact; bottleneck: plain, bottleneck and preact_bottleneck":
        "basic: plain, basic ve preact yığınları; bottleneck: plain, bottleneck ve preact_bottleneck yığınları",
    "Blocks in the stack (N)": "Yığındaki blok sayısı (N)",
    "Deeper stacks make the difference grow; one backward pass per stack":
        "Yığın derinleştikçe fark büyür; her yığın için tek bir geri geçiş yapılır",
    "Computing…": "Hesaplanıyor…",
    "Compute and show": "Hesapla ve göster",
    "plain": "plain (shortcut yok)",
    "residual": "residual (shortcut ile)",
    "pre-activation": "pre-activation",
    "First/last, {name}": "İlk/son, {name}",
    "Gradient norm of block 1 (next to the input) over that of the last block":
        "Blok 1'in (girdinin hemen yanındaki) gradyan normunun son bloğunkine oranı",
    "{m:.2f}·10{e}×": "{m:.2f}·10{e}×",
    "{r:,.0f}×": "{r:,.0f}×",
    "{r:.3g}×": "{r:.3g}×",
    "Advanced: shattered gradients (Balduzzi et al. 2017)": "İleri düzey: parçalanmış gradyanlar (Balduzzi ve ark. 2017)",
    "basic blocks, N = {depth}, 256 points; lag-1 autocorrelation: plain {plain:.2f}, residual {res:.2f} "
    "(white noise: 0).":
        "basic bloklar, N = {depth}, 256 nokta; 1 adım gecikmeli otokorelasyon: plain {plain:.2f}, residual {res:.2f} "
        "(beyaz gürültüde 0).",
    "Advanced: paths through a residual stack (Veit et al. 2016)":
        "İleri düzey: residual bir yığının içindeki yollar (Veit ve ark. 2016)",
    "Pre-activation stack, N = {n}, width 16, 4×4 inputs, 4 random paths per length; the gradient peaks at paths "
    "of {peak} blocks, the average path has {half:g}.":
        "Pre-activation yığın, N = {n}, genişlik 16, 4×4 girdi, her uzunlukta 4 rastgele yol; gradyan en çok {peak} bloktan "
        "geçen yollardan gelir, ortalama bir yol ise {half:g} bloktan geçer.",
    # The training race ---------------------------------------------------------------------------------------
    "A live training race": "Canlı bir eğitim yarışı",
    "Networks in the race": "Yarıştaki ağlar",
    "plain: the basic block's layers without the shortcut addition":
        "plain: basic bloğun katmanları, shortcut toplaması olmadan",
    "Blocks": "Blok sayısı",
    "Width": "Genişlik",
    "Steps": "Adım sayısı",
    "Seeds {seeds}; SGD with momentum, batch {batch}, learning rate {lr:g}. Caps on this server: up to 32 blocks, "
    "width 32 and 400 steps; one race trains at a time, the others wait in a queue. A race shares the CPU with the "
    "timing runs of the Run & time page: they take turns, never at once.":
        "Seed'ler {seeds}; momentumlu SGD, batch {batch}, öğrenme oranı {lr:g}. Bu sunucudaki sınırlar: en çok 32 blok, en "
        "çok 32 genişlik ve 400 adım; aynı anda tek bir yarış eğitilir, diğerleri kuyrukta bekler. Yarış CPU'yu “Çalıştır ve "
        "ölç” sayfasındaki süre ölçümleriyle paylaşır: ikisi sırayla çalışır, hiçbir zaman aynı anda değil.",
    "Choose at least one network to race.": "Yarışacak en az bir ağ seçin.",
    "Start the race": "Yarışı başlat",
    "Cancel": "İptal",
    "The server's queue is full; try again in a minute.": "Sunucunun kuyruğu dolu; bir dakika sonra yeniden deneyin.",
    "Queued: another session's race is training; yours starts right after it.":
        "Sırada: şu anda başka bir oturumun yarışı eğitiliyor; sizinki hemen ardından başlayacak.",
    "Queued: another session's race is training; yours starts after it ({ahead} more waiting ahead of yours).":
        "Sırada: şu anda başka bir oturumun yarışı eğitiliyor; sizinki ondan sonra başlayacak (önünüzde bekleyen "
        "{ahead} yarış daha var).",
    "Waiting for the CPU: a run on the Run & time page is using it; the race goes on when it ends (waited {seconds:.0f} s).":
        "CPU bekleniyor: şu anda “Çalıştır ve ölç” sayfasındaki bir ölçüm CPU'yu kullanıyor; ölçüm bitince yarış "
        "kaldığı yerden sürer ({seconds:.0f} s beklendi).",
    "Stopping after the turn being trained…": "Eğitilmekte olan tur bitince duracak…",
    "The race stopped with an error: {error}": "Yarış bir hatayla durdu: {error}",
    "Nothing trains until you press Start.": "“Yarışı başlat” düğmesine basmadan hiçbir şey eğitilmez.",
    "{done:,} of {total:,} training steps": "{total:,} eğitim adımından {done:,} tanesi tamamlandı",
    "Cancelled after {done:,} of {total:,} steps; the curves so far are shown.":
        "{total:,} adımdan {done:,} tanesi tamamlanınca iptal edildi; o ana kadarki eğriler gösteriliyor.",
    "This race was trained on this server before ({seconds:.0f} s); it is shown from the cache.":
        "Bu yarış bu sunucuda daha önce eğitildi ({seconds:.0f} s sürdü); sonuçlar önbellekten gösteriliyor.",
    "After training": "Eğitimden sonra",
    "network": "ağ",
    "training loss, last 10 steps": "eğitim kaybı, son 10 adım",
    "test accuracy (450 digits)": "test doğruluğu (450 rakam)",
    "Lesion study: delete one block": "Lezyon çalışması: bir bloğu silmek",
    # Figures -------------------------------------------------------------------------------------------------
    "block": "blok",
    "stack": "yığın",
    "gradient norm": "gradyan normu",
    "{name}: first/last {ratio}": "{name}: ilk/son {ratio}",
    "‖∂loss/∂weights‖ (log scale)": "‖∂kayıp/∂ağırlıklar‖ (logaritmik ölçek)",
    "block (1 = next to the input)": "blok (1 = girdinin hemen yanındaki)",
    "Gradient norm of each block's weights after one backward pass":
        "Tek bir geri geçişten sonra her bloğun ağırlıklarındaki gradyan normu",
    "df/dt along the line (scaled to ±1)": "doğru boyunca df/dt (±1'e ölçeklenmiş)",
    "autocorrelation of df/dt": "df/dt'nin otokorelasyonu",
    "df/dt, scaled": "df/dt, ölçeklenmiş",
    "lag (points)": "gecikme (nokta)",
    "autocorrelation": "otokorelasyon",
    "Gradient with respect to a 1-D sweep of inputs": "Tek boyutlu bir girdi taramasında gradyan",
    "share of paths of length k": "uzunluğu k olan yolların payı",
    "gradient along one path (log)": "tek bir yol boyunca gradyan (logaritmik)",
    "share of the gradient": "gradyandaki payı",
    "share": "pay",
    "path length k": "yol uzunluğu k",
    "Path lengths: binomial count, measured gradient, and their product":
        "Yol uzunlukları: binom dağılımı, ölçülen gradyan ve ikisinin çarpımı",
    "training step": "eğitim adımı",
    "loss": "kayıp",
    "accuracy": "doğruluk",
    "training loss (cross-entropy)": "eğitim kaybı (çapraz entropi)",
    "Training loss: mean of the seeds, band from lowest to highest":
        "Eğitim kaybı: seed'lerin ortalaması; bant en düşükten en yükseğe uzanır",
    "accuracy on the training batch": "eğitim batch'indeki doğruluk",
    "Training accuracy: mean of the seeds, band from lowest to highest":
        "Eğitim doğruluğu: seed'lerin ortalaması; bant en düşükten en yükseğe uzanır",
    "deleted block": "silinen blok",
    "test accuracy": "test doğruluğu",
    "chance": "rastgele tahmin",
    "Test accuracy after deleting one block (mean of the seeds)":
        "Bir blok silindikten sonra kalan test doğruluğu (seed'lerin ortalaması)",
    # Library messages (resblocks.stacks, resblocks.gradflow, resblocks.training) -----------------------------
    "without_shortcut takes a block (an nn.Module), not {kind}; build one with BlockConfig(...).build()":
        "without_shortcut bir blok (nn.Module) bekler, {kind} değil; BlockConfig(...).build() ile bir blok kurun",
    "only a block with an identity shortcut can drop it; use stride 1 and equal channels":
        "shortcut yalnızca identity shortcut'ı olan bir bloktan çıkarılabilir; stride 1 ve eşit kanal sayısı kullanın",
    "unknown block {block}; choose one of {options}": "bilinmeyen blok {block}; şunlardan birini seçin: {options}",
    "shortcut must be True or False, not {value}": "shortcut True ya da False olmalı, {value} değil",
    "width={width} must be a multiple of 4 for a bottleneck, which expands 4-fold":
        "width={width}, 4'ün katı olmalı: bottleneck kanalları 4 kat genişletir",
    "depth·batch·width·size² = {n:,} is above the limit of {limit:,}; lower the depth, batch, width or size":
        "depth·batch·width·size² = {n:,}, {limit:,} sınırının üstünde; depth, batch, width ya da size değerini "
        "düşürün",
    "{caller} needs a StackConfig, not {kind}; build one with StackConfig(block=..., depth=..., ...)":
        "{caller} bir StackConfig bekler, {kind} değil; StackConfig(block=..., depth=..., ...) ile bir tane kurun",
    "seeded_init takes an nn.Module, not {kind}": "seeded_init bir nn.Module bekler, {kind} değil",
    "the {block} block has no pre-activation partner here; choose basic or bottleneck":
        "{block} bloğunun burada pre-activation karşılığı yok; basic ya da bottleneck seçin",
    "autocorrelation takes a 1-D float tensor, not {value}; pass e.g. torch.tensor([0.5, 1.0, 0.2])":
        "autocorrelation tek boyutlu bir float tensör bekler, {value} değil; örneğin torch.tensor([0.5, 1.0, 0.2]) "
        "verin",
    "autocorrelation needs measured values, not an empty or meta tensor; pass the gradient as a tensor on the CPU":
        "autocorrelation ölçülmüş değerler bekler, boş ya da meta bir tensör değil; gradyanı CPU'daki bir tensör "
        "olarak verin",
    "paths need residual pre-activation blocks, whose output is exactly x + F(x); choose {options} with the "
    "shortcut":
        "yollar için çıktısı tam olarak x + F(x) olan residual pre-activation bloklar gerekir; shortcut ile birlikte "
        "{options} seçin",
    "{name} must be a list or tuple, not {value}; e.g. {name}=({example})":
        "{name} bir liste ya da tuple olmalı, {value} değil; örneğin {name}=({example})",
    "choose at least one kind to train from {options}": "eğitmek için şunlardan en az birini seçin: {options}",
    "unknown kind {kind}; choose from {options}": "bilinmeyen ağ türü {kind}; şunlardan seçin: {options}",
    "each kind can race once; remove the repeated one": "her ağ türü yarışa bir kez girebilir; tekrarlananı çıkarın",
    "choose 1 to {n} different seeds": "1 ile {n} arasında farklı seed seçin",
    "lr={lr} is not a learning rate; choose a number above 0 and at most 1":
        "lr={lr} bir öğrenme oranı değil; 0'dan büyük, en çok 1 olan bir sayı seçin",
    "evaluate takes images N×1×8×8 and N labels as tensors, not {x} and {y}; pass digits()[2:] for the test set":
        "evaluate tensör olarak N×1×8×8 görüntü ve N etiket bekler, {x} ve {y} değil; test kümesi için digits()[2:] "
        "verin",
    "evaluate runs on the CPU; move the images and labels there with .cpu()":
        "evaluate CPU'da çalışır; görüntüleri ve etiketleri .cpu() ile oraya taşıyın",
    "{caller} runs on the CPU; move the network there with .cpu()":
        "{caller} CPU'da çalışır; ağı .cpu() ile oraya taşıyın",
    "{caller} takes a DigitNet, not {kind}; build one with DigitNet(kind, depth, width, seed)":
        "{caller} bir DigitNet bekler, {kind} değil; DigitNet(kind, depth, width, seed) ile bir tane kurun",
    "train_race needs a RaceConfig, not {kind}; build one with RaceConfig(kinds=(...), depth=..., ...)":
        "train_race bir RaceConfig bekler, {kind} değil; RaceConfig(kinds=(...), depth=..., ...) ile bir tane kurun",
    "{name} must be a function (or None), not {value}": "{name} bir fonksiyon (ya da None) olmalı, {value} değil",
}
