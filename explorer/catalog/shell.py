"""The Turkish of the shell strings (see explorer/catalog/__init__.py): the navigation, the sidebar, the share
link, the notes on link values that could not be used, and the sentence for an invalid combination."""

TR: dict[str, str] = {
    # Page names (explorer/controls.py PAGE_TITLES; explorer/catalog/STYLE_TR.md)
    "Overview": "Genel bakış",
    "Graph": "Graf",
    "Split-transform-merge": "Split-transform-merge",
    "Budget": "Bütçe",
    "Run & time": "Çalıştır ve ölç",
    "Why residuals work": "Residual neden işe yarar",
    # The sidebar
    "Language": "Dil",
    "Block": "Blok",
    "The residual block to configure; each page shows it.": "Ayarlanacak residual blok; her sayfa bu bloğu gösterir.",
    "Channels of the block's input": "Bloğun giriş kanalı sayısı",
    "The block's base channel count; a bottleneck outputs 4·planes channels, a basic block planes":
        "Bloğun temel kanal sayısı: bottleneck blok 4·planes, basic blok planes kanal verir",
    "Only the resnext block has a grouped 3×3; {block} uses groups=1.":
        "Grouped 3×3 yalnızca resnext bloğunda var; {block} bloğu groups=1 kullanır.",
    "As g changes, hold fixed": "g değişirken sabit tutulan",
    "What stays fixed as g changes. width: the grouped width g·d (base_width follows, so the 3×3's weights "
    "fall as 1/g); d: the channels per path (the paper's 32×4d naming: the width grows with g); cost: the "
    "block's conv weights (d solved for each g, as in the paper's Table 2)":
        "g değişirken neyin sabit kalacağı. width: grouped 3×3'ün genişliği g·d (base_width ona uyar, böylece "
        "3×3'ün ağırlıkları 1/g oranında azalır); d: yol başına kanal sayısı (makalenin 32×4d adlandırması: "
        "genişlik g ile büyür); cost: bloğun conv ağırlıkları (makalenin Tablo 2'sindeki gibi d her g için "
        "yeniden bulunur)",
    "groups (cardinality)": "groups (grup sayısı, cardinality)",
    "Number of groups g of the 3×3: the paths of split-transform-merge":
        "3×3'ün grup sayısı g: split-transform-merge'deki yolların sayısı",
    "base_width (d at planes=64)": "base_width (planes=64 iken d)",
    "Channels per group = int(planes · base_width / 64)": "Grup başına kanal sayısı = `int(planes · base_width / 64)`",
    "Stride of the 3×3 conv (and of the projection shortcut)": "3×3 conv'un stride'ı (projection shortcut'ın da)",
    "size (H = W)": "Boyut (H = W)",
    "Input height and width in pixels": "Girdinin piksel cinsinden yüksekliği ve genişliği (adreste `size`)",
    "Batch size": "Batch boyutu",
    "width = g × d = {g} × {d} = {w}": "width = g × d = {g} × {d} = {w}",
    ": depthwise, one channel per path (MobileNet, Xception)": ": depthwise, her yolda bir kanal (MobileNet, Xception)",
    "→ {label}; output {shape}": "→ {label}; çıktı {shape}",
    # The block's label (controls.block_label): names and numbers, and its words
    "{kind}, {c_in}→{c_out}, stride {stride}": "{kind}, {c_in}→{c_out}, stride {stride}",
    " on the {where}": " ({where}'de)",
    ", shortcut BN as in the notes": ", notlardaki gibi shortcut'ta BN",
    # The pages' sentence for an invalid combination (controls.require_config); the reason is the library's
    "This combination is not valid: {reason}.": "Bu ayar bileşimi geçerli değil: {reason}.",
    # The share link and the notes on the link (explorer/links.py)
    "Share this view (the address is the state):": "Bu görünümü paylaşın (adres, görünümün tüm durumunu taşır):",
    "Copy link": "Bağlantıyı kopyala",
    "Copied": "Kopyalandı",
    "The link is selected: copy it with Ctrl+C or your device's menu.":
        "Bağlantı seçildi: Ctrl+C ile ya da cihazınızın menüsünden kopyalayın.",
    # a held view's printout (explorer/components/held_view.preformatted)
    "Copy": "Kopyala",
    "The text is selected: copy it with Ctrl+C or your device's menu.":
        "Metin seçildi: Ctrl+C ile ya da cihazınızın menüsünden kopyalayın.",
    "Some values in the link could not be used and fell back to the defaults:":
        "Bağlantıdaki bazı değerler kullanılamadı; yerlerine varsayılanlar kullanıldı:",
    "Values in the link that could not be used: {n}": "Bağlantıdaki kullanılamayan değerler: {n}",
    "The address repeats {key} {count} times; the last value, {value}, was used.":
        "Adreste {key} {count} kez geçiyor; son değer, {value}, kullanıldı.",
    "Ignored {name}={value}: this app has no such setting on this page.":
        "{name}={value} yok sayıldı: bu sayfada böyle bir ayar yok.",
    "Ignored {name}={value}: not an allowed value here; using {used}.":
        "{name}={value} yok sayıldı: burada geçerli bir değer değil; {used} kullanılıyor.",
    "… and {rest} more values in the address that could not be used.":
        "… ve adreste kullanılamayan {rest} değer daha.",
}
