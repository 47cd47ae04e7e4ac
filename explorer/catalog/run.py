"""The Turkish of the run strings (see explorer/catalog/__init__.py): the Run & time page, its figure, and the
messages of resblocks.bench and of the sweeps (resblocks/sweeps.py) that reach it."""

_HALVED = "veri sayfasında seyreklikle verilen tensor core değerleri; dense için burada yarıya indirildi"

TR: dict[str, str] = {
    # Page ----------------------------------------------------------------------------------------------------
    "Run & time": "Çalıştır ve ölç",
    "Run the configured block for real: every layer's shape as observed in a forward pass, and its latency "
    "measured the way benchmarks should be, with warm-up calls first, then the median and interquartile range "
    "(IQR) over repeated timed runs under `torch.inference_mode()`. Nothing runs until you press **Run**.":
        "Ayarladığınız bloğu gerçekten çalıştırın: her katmanın şekli gerçek bir ileri geçişte gözlenir, süresi de doğru bir "
        "ölçümün gerektirdiği gibi ölçülür; önce ısınma çağrıları yapılır, ardından `torch.inference_mode()` altında "
        "tekrarlanan zamanlı çalıştırmaların medyanı ve çeyrekler arası aralığı (IQR) alınır. **Çalıştır** düğmesine basana "
        "kadar hiçbir şey çalışmaz.",
    "Device": "Aygıt",
    "The devices present, best first: CUDA GPUs, then Apple MPS, then the CPU":
        "Bu sunucudaki aygıtlar, en hızlısı başta: CUDA GPU'lar, sonra `mps` (Mac GPU'su), sonra CPU",
    "float32 runs everywhere; float16 and bfloat16 where the device supports them":
        "float32 her yerde çalışır; float16 ve bfloat16 yalnızca aygıtın desteklediği yerde",
    "Store the block's weights and input as NHWC, the layout fast conv kernels prefer":
        "Bloğun ağırlıklarını ve girdisini `NHWC` düzeninde tutar; hızlı conv kernel'leri bu düzeni tercih eder",
    "Timed repeats": "Zamanlanan tekrar sayısı",
    "The median and IQR are taken over this many timed repeats":
        "Medyan ve çeyrekler arası aralık bu kadar zamanlı tekrar üzerinden alınır",
    "CPU: `{name}` ({threads} threads)": "CPU: `{name}` ({threads} iş parçacığı)",
    "Apple GPU via Metal ({device})": "Metal üzerinden Apple GPU ({device})",
    ", compute capability {major}.{minor}": ", compute capability {major}.{minor}",
    "{device}; torch {version}": "{device}; torch {version}",
    "{device}; torch {version}. {dtype}: {note}.": "{device}; torch {version}. {dtype}: {note}.",
    "Estimated tensors for {block}, batch {batch} at {size}×{size}: {weights} of weights + {activations} of input "
    "and activations + {workspace} of kernel workspace = {total} in {dtype} (limit per run {limit}).":
        "{block} için tahmini tensör belleği, batch {batch}, {size}×{size}: {weights} ağırlık + {activations} girdi "
        "ve aktivasyon + {workspace} kernel çalışma alanı = {dtype} ile {total} (çalıştırma başına sınır {limit}).",
    "Run": "Çalıştır",
    "Warm up, then time {repeat} repeats; stops at the {limit} s limit":
        "Önce ısınır, sonra {repeat} tekrarı zamanlar; {limit} s sınırında durur",
    "Another run is using {device} right now; a run started here waits its turn, first come, first served.":
        "Şu anda {device} aygıtını başka bir çalıştırma kullanıyor; burada başlatılan çalıştırma sırasını bekler, "
        "ilk gelen önce çalışır.",
    "Another run is using {device} right now, and {n} more wait for it; a run started here waits its turn, first "
    "come, first served.":
        "Şu anda {device} aygıtını başka bir çalıştırma kullanıyor ve {n} çalıştırma daha sırada bekliyor; burada "
        "başlatılan çalıştırma sırasını bekler, ilk gelen önce çalışır.",
    "Queued for {device}: next, behind the run using it; waited {waited:.0f} s…":
        "{device} için sırada: şimdiki çalıştırmadan hemen sonra; {waited:.0f} s beklendi…",
    "Queued for {device}: place {place} in line; waited {waited:.0f} s…":
        "{device} için sırada: {place}. sıradasınız; {waited:.0f} s beklendi…",
    "Running {block} on {device}…": "{block}, {device} üzerinde çalışıyor…",
    "Not run": "Çalıştırılmadı",
    "Came from the cache: median {median}": "Önbellekten geldi: medyan {median}",
    "Measured {n} repeats: median {median}": "{n} tekrar ölçüldü: medyan {median}",
    "The run finished while the page was changing; its result is kept below for its settings.":
        "Çalıştırma, sayfa değişirken bitti; sonucu kendi ayarlarıyla aşağıda duruyor.",
    "The last run was interrupted before it finished (a control changed while it waited or ran); press Run to "
    "measure again.":
        "Son çalıştırma bitmeden kesildi (beklerken ya da çalışırken bir kontrol değişti); yeniden ölçmek için "
        "Çalıştır'a basın.",
    "The settings changed since the last run; press Run to measure these.":
        "Son çalıştırmadan bu yana ayarlar değişti; bu ayarları ölçmek için Çalıştır'a basın.",
    "This result came from the cache: the same settings were measured at {date}. Change a setting or the number "
    "of repeats to measure again.":
        "Bu sonuç önbellekten geldi: aynı ayarlar {date} tarihinde ölçülmüştü. Yeniden ölçmek için bir ayarı ya da "
        "tekrar sayısını değiştirin.",
    "Stopped at the {limit} s time limit after {done} of {repeat} repeats; the figures use the repeats measured.":
        "Ölçüm {limit} s süre sınırında, {done} / {repeat} tekrardan sonra durdu; değerler ölçülen tekrarlardan "
        "hesaplandı.",
    "The spread is large: the middle half of the timed repeats spans {spread:.0%} of the median (IQR {iqr}, above "
    "{limit:.0%}). The machine was most likely busy with other work while this ran; run it again before quoting "
    "the figure.":
        "Dağılım geniş: zamanlı tekrarların ortadaki yarısı medyanın {spread:.0%} kadarına yayılıyor (IQR {iqr}, "
        "{limit:.0%} sınırının üstünde). Makine büyük olasılıkla bu sırada başka işlerle meşguldü; bu değeri "
        "kullanmadan önce yeniden çalıştırın.",
    "Run again": "Yeniden çalıştır",
    "Measures these settings again instead of taking the result from the cache":
        "Sonucu önbellekten almak yerine bu ayarları yeniden ölçer",
    "Waited {seconds:.1f} s in the queue for {device}.": "{device} için sırada {seconds:.1f} s beklendi.",
    "Latency (median)": "Süre (medyan)",
    "Median over {n} timed repeats of {calls} calls each": "Her biri {calls} çağrılık {n} zamanlı tekrarın medyanı",
    "Interquartile range: {q1} to {q3}": "Çeyrekler arası aralık: {q1} ile {q3} arası",
    "Throughput": "Saniyede işlenen görüntü",
    "{rate:,.1f} images/s": "{rate:,.1f} görüntü/s",
    "batch {batch} / median": "batch {batch} / medyan",
    "Achieved compute": "Ulaşılan hesap hızı",
    "{tflops:.3g} TFLOP/s: FLOPs (2·MACs) / median": "{tflops:.3g} TFLOP/s: FLOPs (2·MACs) / medyan",
    "Of peak": "Tepe değere oranı",
    "{gpu}: {tflops:g} TFLOP/s dense, {unit}. Source: {source}":
        "{gpu}: {tflops:g} TFLOP/s dense, {unit}. Kaynak: {source}",
    "Known only for the GPUs in the peak table below": "Yalnızca aşağıdaki tepe değer tablosundaki GPU'lar için bilinir",
    "Timed calls": "Zamanlı çağrı",
    "Repeats × calls per repeat, after {warmup} warm-up calls": "Tekrar × tekrar başına çağrı; {warmup} ısınma çağrısından sonra",
    "**{params:,}** parameters · **{macs}** multiply-adds · **{flops}** (= 2·MACs, as torch's flop counter "
    "counts the convolutions)":
        "**{params:,}** parametre · **{macs}** çarpma-toplama · **{flops}** (= 2·MACs; torch'un flop sayacının "
        "konvolüsyonları saydığı gibi)",
    "Shapes observed in the forward pass": "İleri geçişte gözlenen şekiller",
    "layer": "katman",
    "op": "işlem",
    "input shape(s)": "girdi şekilleri",
    "output shape": "çıktı şekli",
    "analysis": "analiz",
    "match": "eşleşme",
    "conv": "conv",
    "BN": "BN",
    "ReLU": "ReLU",
    "addition": "toplama",
    "Every shape observed in the real forward pass equals the analysis (traced on meta tensors).":
        "Gerçek ileri geçişte gözlenen her şekil analizdekiyle (`meta` tensörlerle izlenen) aynı.",
    "The observed shapes differ from the analysis; please report this configuration.":
        "Gözlenen şekiller analizdekinden farklı; lütfen bu yapılandırmayı bildirin.",
    "Measured on `{name}` ({device}), {dtype}{layout}, {threads} threads, torch {torch}, CUDA {cuda}, {date}; "
    "{warmup} warm-up calls, then {done} repeats × {calls} calls.":
        "Ölçüldüğü yer: `{name}` ({device}), {dtype}{layout}, {threads} iş parçacığı, torch {torch}, CUDA {cuda}, "
        "{date}; {warmup} ısınma çağrısı, ardından {done} tekrar × {calls} çağrı.",
    "none": "yok",
    "Peak figures used for “of peak” (dense, per number format)":
        "“Tepe değere oranı” için kullanılan tepe değerler (dense, sayı biçimine göre)",
    "source": "kaynak",
    "float32 is compared with the TF32 peak where cuDNN may use TF32 (PyTorch's default for convolutions), else "
    "with FP32. A GPU missing here gets no percentage rather than a guessed one.":
        "float32, cuDNN'in TF32 kullanabildiği yerde (PyTorch'un konvolüsyonlar için varsayılanı) TF32 tepe "
        "değeriyle, başka yerde FP32 ile karşılaştırılır. Burada olmayan bir GPU için tahmini bir yüzde yerine hiç "
        "yüzde gösterilmez.",
    # Sweeps --------------------------------------------------------------------------------------------------
    "Sweeps: fewer MACs is not proportionally faster": "Taramalar: MAC sayısı azalınca süre aynı oranda kısalmaz",
    "Sweep": "Tarama",
    "groups at a fixed width": "sabit genişlikte grup sayısı",
    "matched complexity": "eşit karmaşıklık",
    "block kinds": "blok türleri",
    "the ResNeXt block's grouped 3×3 at a fixed width, split into more and more groups":
        "ResNeXt bloğunun grouped 3×3'ü sabit genişlikte, gittikçe daha çok gruba bölünür",
    "the paper's Table 2: more groups, narrower paths, the same parameters":
        "makalenin Tablo 2'si: daha çok grup, daha dar yollar, aynı parametre sayısı",
    "every block kind sized to the current block's MACs": "her blok türü, şimdiki bloğun MAC sayısına göre boyutlanır",
    "Sizing the sweep's blocks…": "Taramanın blokları boyutlanıyor…",
    "This sweep cannot use the current settings: {problem}.": "Bu tarama şimdiki ayarlarla yapılamıyor: {problem}.",
    "{n} points, baseline first: {points}. Each point uses the settings above and stops at {limit} s.":
        "{n} nokta, önce baseline: {points}. Her nokta yukarıdaki ayarları kullanır ve {limit} s'de durur.",
    "The sweep's point {point}: {problem}.": "Taramanın {point} noktası: {problem}.",
    "Run sweep": "Taramayı çalıştır",
    "Cancel": "İptal",
    "Stops the sweep after the point being measured and keeps the points done":
        "Taramayı ölçülmekte olan noktadan sonra durdurur; biten noktalar kalır",
    "Starting the sweep…": "Tarama başlıyor…",
    "{done} of {total} points measured": "{done} / {total} nokta ölçüldü",
    "{done} of {total} points measured; {point}: {median}": "{done} / {total} nokta ölçüldü; {point}: {median}",
    "The sweep stopped after {done} of {total} points (cancelled, or interrupted by a change of settings); the "
    "points measured are shown.":
        "Tarama {total} noktanın {done} tanesinden sonra durdu (iptal edildi ya da bir ayar değişikliği kesti); "
        "ölçülen noktalar gösteriliyor.",
    "{cached} of {n} points came from the cache.": "{n} noktanın {cached} tanesi önbellekten geldi.",
    "The spread is large at {points}: the middle half of the timed repeats spans up to {spread:.0%} of the median "
    "(at {worst}; above {limit:.0%} the ratios are not to be trusted). The machine was most likely busy with other "
    "work while the sweep ran; run the sweep again before reading the ratios.":
        "{points} noktalarında dağılım geniş: zamanlı tekrarların ortadaki yarısı medyanın {spread:.0%} kadarına "
        "yayılıyor ({worst} noktasında; {limit:.0%} üstünde oranlara güvenilmez). Makine büyük olasılıkla tarama "
        "sırasında başka işlerle meşguldü; oranları yorumlamadan önce taramayı yeniden çalıştırın.",
    "The spread is large at {points}: the middle half of the timed repeats spans up to {spread:.0%} of the median "
    "(at {worst}; above {limit:.0%} the ratios are not to be trusted). The machine that measured them was most "
    "likely busy with other work; read these ratios with care.":
        "{points} noktalarında dağılım geniş: zamanlı tekrarların ortadaki yarısı medyanın {spread:.0%} kadarına "
        "yayılıyor ({worst} noktasında; {limit:.0%} üstünde oranlara güvenilmez). Ölçümü yapan makine büyük "
        "olasılıkla başka işlerle meşguldü; bu oranları dikkatle okuyun.",
    "Run the sweep again": "Taramayı yeniden çalıştır",
    "Measures every point again instead of taking the results from the cache":
        "Sonuçları önbellekten almak yerine her noktayı yeniden ölçer",
    "Each ratio is to the baseline, {base}: 1 is the same as {base}, below 1 cheaper or faster. The red markers are "
    "the median time of each point; the bars around them span its interquartile range (the middle half of its timed "
    "repeats), divided by the baseline's median.":
        "Her oran baseline'a, yani {base} noktasına göredir: 1, {base} ile aynı demektir; 1'in altı daha ucuz ya da "
        "daha hızlı. Kırmızı işaretler her noktanın medyan süresidir; çevresindeki çubuklar çeyrekler arası aralığı "
        "(zamanlı tekrarlarının ortadaki yarısını) gösterir; hepsi baseline'ın medyanına bölünmüştür.",
    "The settings changed since the last sweep; press Run sweep to measure these.":
        "Son taramadan bu yana ayarlar değişti; bu ayarları ölçmek için Taramayı çalıştır'a basın.",
    "point": "nokta",
    "block": "blok",
    "params": "parametre",
    "median (ms)": "medyan (ms)",
    "IQR (ms)": "IQR (ms)",
    "IQR / median": "IQR / medyan",
    "time ratio": "süre oranı",
    "MACs ratio": "MAC oranı",
    "params ratio": "parametre oranı",
    "3×3 MACs ratio": "3×3 MAC oranı",
    # Figure --------------------------------------------------------------------------------------------------
    "measured time (median, bars: IQR)": "ölçülen süre (medyan, çubuklar: IQR)",
    "block MACs": "blok MAC'leri",  # as on the Budget page
    "block parameters": "blok parametreleri",
    "grouped 3×3 alone (1/g)": "yalnızca grouped 3×3 (1/g)",
    "the widened 3×3 alone (its MACs)": "yalnızca genişletilmiş 3×3 (MAC sayısı)",
    "1/g: what splitting a 3×3 of fixed width would give": "1/g: sabit genişlikte bir 3×3'ü bölmenin vereceği",
    "{point} · {name}: {ratio} (median {median} ms, IQR {low}–{high} ms)":
        "{point} · {name}: {ratio} (medyan {median} ms, IQR {low}–{high} ms)",
    "IQR": "IQR",
    "Ratio to the baseline, {base}": "Baseline'a ({base}) oran",
    "ratio (log scale)": "oran (logaritmik ölçek)",
    "groups g (same grouped width)": "grup sayısı g (grouped 3×3'ün genişliği aynı)",
    "cardinality × channels per path (Table 2, equal parameters)":
        "cardinality × yol başına kanal (Tablo 2, eşit parametre)",
    "block kind (each at the baseline's MACs)": "blok türü (her biri baseline'ın MAC sayısında)",
    # GPU reference results -----------------------------------------------------------------------------------
    "GPU reference results": "GPU referans sonuçları",
    "No GPU reference results are available yet: the figures above come from this server's own device. Once "
    "results measured on a GPU are added to the app, they appear here beside the details of the machine that "
    "measured them.":
        "Henüz GPU referans sonucu yok: yukarıdaki değerler bu sunucunun kendi aygıtından geliyor. Bir GPU'da "
        "ölçülen sonuçlar uygulamaya eklendiğinde, onları ölçen makinenin bilgileriyle birlikte burada görünür.",
    "Reference results {i}: {dtype}{layout}": "Referans sonuçları {i}: {dtype}{layout}",
    "measured on": "ölçüm bilgisi",
    "value": "değer",
    "device": "aygıt",
    "compute capability": "compute capability",
    "CPU threads": "CPU iş parçacığı",
    "date": "tarih",
    "file": "dosya",
    "size": "boyut",
    "images/s": "görüntü/s",
    "of peak": "tepe değere oranı",
    # resblocks.bench's messages ------------------------------------------------------------------------------
    "The server's settings are not usable: {problem}.": "Sunucunun ayarları kullanılamıyor: {problem}.",
    "{env}={raw!r} is not a size in MiB; set it to a whole number from {low} to {high}, such as 512":
        "{env}={raw!r} MiB cinsinden bir boyut değil; {low} ile {high} arasında bir tam sayı verin, örneğin 512",
    "{env}={raw!r} is not a number of G multiply-adds; set it to a positive number up to {high:g}, such as 20":
        "{env}={raw!r} G çarpma-toplama cinsinden bir sayı değil; en çok {high:g} olan pozitif bir sayı verin, "
        "örneğin 20",
    "{env}={folder!r} is not a folder; set it to the folder that holds gpu_reference*.json, or unset it":
        "{env}={folder!r} bir klasör değil; gpu_reference*.json dosyalarını tutan klasörü verin ya da ayarı kaldırın",
    "this run would hold about {total} of tensors ({weights} of weights, {activations} of input and activations "
    "and {workspace} of kernel workspace in {dtype} for batch {batch} at {size}×{size}), above the limit of "
    "{limit}; lower batch or size, or the channel widths (where you run it yourself, raise {env})":
        "bu çalıştırma yaklaşık {total} tensör belleği tutardı (batch {batch}, {size}×{size} ve {dtype} için "
        "{weights} ağırlık, {activations} girdi ve aktivasyon, {workspace} kernel çalışma alanı); bu, {limit} "
        "sınırının üstünde: batch'i, boyutu ya da kanal genişliklerini küçültün (kendi makinenizde çalıştırıyorsanız "
        "{env} değerini yükseltin)",
    "this run needs {macs} multiply-adds per forward pass, more than the {limit} allowed {where}; lower size, batch "
    "or the widths (where you run it yourself, raise {env})":
        "bu çalıştırma ileri geçiş başına {macs} çarpma-toplama gerektiriyor; {where} izin verilen {limit} "
        "değerinden fazla. Boyutu, batch'i ya da genişlikleri küçültün (kendi makinenizde çalıştırıyorsanız {env} "
        "değerini yükseltin)",
    "one forward pass would take about {seconds:.2g} s in {dtype} {where} ({macs} multiply-adds at the measured "
    "{speed} per second), more than {allowed:.2g} s, a quarter of the {limit_s:g} s time limit; lower size, batch "
    "or the widths, or choose a faster dtype":
        "tek bir ileri geçiş {where} {dtype} ile yaklaşık {seconds:.2g} s sürerdi ({macs} çarpma-toplama, ölçülen "
        "hız saniyede {speed}); bu, {limit_s:g} s süre sınırının dörtte biri olan {allowed:.2g} s'den fazla. "
        "Boyutu, batch'i ya da genişlikleri küçültün veya daha hızlı bir dtype seçin",
    "on the CPU": "CPU'da",
    "on {device}": "{device} üzerinde",
    "{device} has been busy with other runs for {waited:.0f} s; try again in a minute":
        "{device} {waited:.0f} saniyedir başka çalıştırmalarla meşgul; bir dakika sonra yeniden deneyin",
    "runs on the CPU, but CPUs without native 16-bit arithmetic (AVX-512 BF16/FP16 or AMX) convert to float32 "
    "inside the kernels, so it is usually slower than float32":
        "CPU'da çalışır, ama yerel 16 bit aritmetiği (AVX-512 BF16/FP16 ya da AMX) olmayan CPU'lar kernel'lerin "
        "içinde float32'ye dönüştürür; bu yüzden genellikle float32'den yavaştır",
    # resblocks.bench.references: a reference file that cannot be used
    "produce it again with python -m resblocks bench --json":
        "dosyayı python -m resblocks bench --json ile yeniden üretin",
    "{file} is larger than {mib} MiB; {fix}": "{file} {mib} MiB'tan büyük; {fix}",
    "{file} could not be read as JSON ({reason}); {fix}": "{file} JSON olarak okunamadı ({reason}); {fix}",
    "{file} is not a valid results file: {problem}; {fix}": "{file} geçerli bir sonuç dosyası değil: {problem}; {fix}",
    "{where} is not a JSON object": "{where} bir JSON nesnesi değil",
    "{where}.{key} is missing": "{where}.{key} eksik",
    "{where}.{key} is not a line of text (up to 200 printable characters)":
        "{where}.{key} tek satırlık bir metin değil (en çok 200 yazdırılabilir karakter)",
    "{where}.{key} is not a whole number of at least 0": "{where}.{key} 0 ya da daha büyük bir tam sayı değil",
    "{where}.{key} is not a finite number above 0": "{where}.{key} 0'dan büyük sonlu bir sayı değil",
    "{where}.{key} is not a finite number of at least 0": "{where}.{key} 0 ya da daha büyük sonlu bir sayı değil",
    "{where}.{key} is not true or false": "{where}.{key} true ya da false değil",
    "{where}.config is not a valid block configuration ({reason})":
        "{where}.config geçerli bir blok yapılandırması değil ({reason})",
    "{where}.date is not an ISO 8601 date": "{where}.date bir ISO 8601 tarihi değil",
    "{where} does not name a CUDA device and CUDA version, so these are not GPU results":
        "{where} bir CUDA aygıtı ve CUDA sürümü belirtmiyor; yani bunlar GPU sonuçları değil",
    "{where}.label is not a point's name such as g=32 or 32×4d":
        "{where}.label, g=32 ya da 32×4d gibi bir nokta adı değil",
    "{where}.kind is not one of {kinds}": "{where}.kind şunlardan biri değil: {kinds}",
    "{where}.rows is not a list of measured points": "{where}.rows ölçülmüş noktaların listesi değil",
    "schema is {schema!r}, not {expected!r}": "schema {schema!r}; oysa {expected!r} olmalı",
    "runs and sweeps must be lists": "runs ve sweeps birer liste olmalı",
    "it holds no runs and no sweeps": "dosyada hiç ölçüm ya da tarama yok",
    # The peak table's units and sources ----------------------------------------------------------------------
    "TF32 tensor cores (cuDNN may run float32 convolutions in TF32)":
        "TF32 tensor core'lar (cuDNN, float32 konvolüsyonları TF32 ile çalıştırabilir)",
    "FP32 CUDA cores": "FP32 CUDA core'lar",
    "FP16 tensor cores": "FP16 tensor core'lar",
    "BF16 tensor cores": "BF16 tensor core'lar",
    "NVIDIA H100 Tensor Core GPU datasheet, H100 SXM column (tensor-core figures printed with sparsity, halved "
    "here for dense)": f"NVIDIA H100 Tensor Core GPU veri sayfası, H100 SXM sütunu ({_HALVED})",
    "NVIDIA H100 Tensor Core GPU datasheet, H100 PCIe column (tensor-core figures printed with sparsity, halved "
    "here for dense)": f"NVIDIA H100 Tensor Core GPU veri sayfası, H100 PCIe sütunu ({_HALVED})",
    "NVIDIA H200 Tensor Core GPU datasheet, H200 SXM column (tensor-core figures printed with sparsity, halved "
    "here for dense)": f"NVIDIA H200 Tensor Core GPU veri sayfası, H200 SXM sütunu ({_HALVED})",
    "NVIDIA A100 Tensor Core GPU datasheet (dense figures)": "NVIDIA A100 Tensor Core GPU veri sayfası (dense değerler)",
    "NVIDIA A10 Tensor Core GPU datasheet (dense figures)": "NVIDIA A10 Tensor Core GPU veri sayfası (dense değerler)",
    "NVIDIA L4 Tensor Core GPU datasheet (tensor-core figures printed with sparsity, halved here for dense)":
        f"NVIDIA L4 Tensor Core GPU veri sayfası ({_HALVED})",
    "NVIDIA T4 Tensor Core GPU datasheet (FP16 is the mixed-precision tensor-core peak; Turing has no TF32 or BF16)":
        "NVIDIA T4 Tensor Core GPU veri sayfası (FP16, karma hassasiyetli tensor core tepe değeridir; Turing'de TF32 ve "
        "BF16 yoktur)",
    "NVIDIA Tesla V100 GPU datasheet, SXM2 column (FP16 is the tensor-core peak)":
        "NVIDIA Tesla V100 GPU veri sayfası, SXM2 sütunu (FP16, tensor core tepe değeridir)",
    "NVIDIA Tesla V100 GPU datasheet, PCIe column (FP16 is the tensor-core peak)":
        "NVIDIA Tesla V100 GPU veri sayfası, PCIe sütunu (FP16, tensor core tepe değeridir)",
    "NVIDIA Ampere GA102 GPU architecture whitepaper, appendix A (dense tensor figures with FP32 accumulate)":
        "NVIDIA Ampere GA102 GPU mimarisi teknik raporu, ek A (dense tensor core değerleri, FP32 biriktirmeli)",
    "NVIDIA Ada GPU architecture whitepaper (dense tensor figures with FP32 accumulate)":
        "NVIDIA Ada GPU mimarisi teknik raporu (dense tensor core değerleri, FP32 biriktirmeli)",
    # resblocks/sweeps.py: the sweeps' titles and notes -------------------------------------------------------
    "latency against groups for the ResNeXt block at a fixed grouped width":
        "grouped width sabitken ResNeXt bloğunun süresi, grup sayısına göre",
    "latency against cardinality at matched complexity (Xie et al. 2017, Table 2)":
        "eşit karmaşıklıkta süre, cardinality'ye göre (Xie ve ark. 2017, Tablo 2)",
    "the block kinds compared at one budget of MACs": "aynı MAC bütçesinde karşılaştırılan blok türleri",
    # (grouped_base's sentences: in explorer/catalog/budget.py)
    "Left out g = {left}: at planes = {planes} no allowed base_width gives their channels per group (g={first}: "
    "{reason}), so the baseline is {baseline}; the 1/g line still compares with a dense 3×3.":
        "g = {left} dışarıda kaldı: planes = {planes} iken hiçbir geçerli base_width bu g'lerin grup başına kanal "
        "sayısını vermiyor (g={first}: {reason}); bu yüzden baseline {baseline}. 1/g çizgisi yine de dense bir "
        "3×3 ile karşılaştırır.",
    "Table 2's conv2-stage block (256 → 256 channels, planes 64) at the sidebar's size and batch; the sidebar's "
    "channels, groups and stride are not used here.":
        "Tablo 2'nin conv2 aşaması bloğu (256 → 256 kanal, planes 64), kenar çubuğundaki boyut ve batch ile; kenar "
        "çubuğundaki kanal, grup ve stride ayarları burada kullanılmaz.",
    "Left out {label}: {reason}.": "{label} dışarıda kaldı: {reason}.",
    "{label} has {off:.0%} more MACs than the baseline: no width of its kind comes nearer.":
        "{label}, baseline'dan {off:.0%} daha çok MAC gerektiriyor: bu türün hiçbir genişliği daha yakına gelmiyor.",
    "{label} has {off:.0%} fewer MACs than the baseline: no width of its kind comes nearer.":
        "{label}, baseline'dan {off:.0%} daha az MAC gerektiriyor: bu türün hiçbir genişliği daha yakına gelmiyor.",
    "Each block kind is sized to the baseline's {macs} per image (the current block, first) with its input "
    "channels, size and stride.":
        "Her blok türü, baseline'ın görüntü başına {macs} değerine (ilk sıradaki şimdiki blok) göre, onun giriş "
        "kanalı, boyutu ve stride'ıyla boyutlanır.",
}
