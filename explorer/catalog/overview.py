"""The Turkish of the overview strings (see explorer/catalog/__init__.py), and of the block registry's descriptive
texts (resblocks/registry.py stays English; the sidebar and the Graph page find these here too)."""

TR: dict[str, str] = {
    # The page
    "ResBlock Explorer": "ResBlock Explorer",
    "Residual learning": "Residual öğrenme",
    "Why each block?": "Her blok neden ortaya çıktı?",
    "The blocks compared": "Blokların karşılaştırması",
    "Parameters for the current settings: in_channels={in_channels}, planes={planes}, stride={stride}, "
    "input {size}×{size}; the ResNeXt row uses groups={groups}, base_width={base_width}.":
        "Geçerli ayarlarla parametre sayıları: in_channels={in_channels}, planes={planes}, stride={stride}, "
        "girdi {size}×{size}; ResNeXt satırı groups={groups}, base_width={base_width} kullanır.",
    "each block’s default (64 or 256, its repeated block)":
        "her bloğun varsayılanı (64 ya da 256: aşamasında tekrarlanan blok)",
    " ← current": " ← seçili",
    # The notes' comparison table (§6): "Blok | Main path omurgası | Temel amaç | Kritik fark"
    # "Block" is the sidebar's (catalog/shell.py): "Blok"
    "Main path": "Main path omurgası",
    "Purpose": "Temel amaç",
    "Key difference": "Kritik fark",
    # "Parameters" is the Graph page's (catalog/graph.py): "Parametreler"
    "Multiply-adds": "Çarpma-toplama",
    "MACs are multiply-adds (what torchvision and the ResNeXt paper call FLOPs).":
        "MAC sayısı, çarpma-toplama işlemlerinin sayısıdır (torchvision'ın ve ResNeXt makalesinin FLOPs dediği).",
    "Open a block's computation graph with these settings:":
        "Bir bloğun hesaplama grafını bu ayarlarla açın:",
    "In short": "Kısa sezgi",
    "Which block when?": "Hangi blok ne zaman?",
    "Source: the project's notes on ResNeXt blocks, sections 1, 3, 4, 6 and 9; He et al. 2016; Xie et al. 2017.":
        "Kaynak: projenin ResNeXt blokları üzerine notları, bölüm 1, 3, 4, 6 ve 9; He ve ark. 2016; Xie ve ark. 2017.",
    # The glossary (explorer/glossary.py)
    "Glossary (Türkçe ↔ English)": "Sözlük: terimlerin Türkçesi ve İngilizcesi",
    "The terms the notes mix: the first column writes each as the Turkish pages do.":
        "Notların karıştırdığı terimler: ilk sütun her birini uygulamanın Türkçesinde yazıldığı gibi verir.",
    "In the Turkish pages": "Uygulamada",
    "Turkish term": "Türkçesi",
    "English term": "İngilizcesi",
    "Meaning": "Anlamı",
    # The block registry (resblocks/registry.py): titles
    "Basic block (ResNet-18/34)": "Basic blok (ResNet-18/34)",
    "Pre-activation block (ResNet v2)": "Pre-activation blok (ResNet v2)",
    "Bottleneck (ResNet-50/101/152)": "Bottleneck blok (ResNet-50/101/152)",
    "ResNeXt block (grouped-conv bottleneck)": "ResNeXt bloğu (grouped conv'lu bottleneck)",
    "Pre-activation bottleneck (ResNet v2, 164/1001 layers)":
        "Pre-activation bottleneck (ResNet v2, 164/1001 katman)",
    # ... one-line summaries
    "Two 3×3 convs at full width, BN and ReLU after each, ReLU after the addition.":
        "Tam genişlikte iki 3×3 conv, her birinin ardından BN ve ReLU, toplamadan sonra ReLU.",
    "BN and ReLU move before each conv; nothing follows the addition, so the skip path stays clean.":
        "BN ve ReLU her conv'un önüne geçer; toplamadan sonra hiçbir şey gelmez, böylece skip hattı temiz kalır.",
    "A 1×1 reduces the channels, the 3×3 runs narrow, a 1×1 expands them four-fold.":
        "Bir 1×1 kanalları azaltır, 3×3 dar kanalda çalışır, bir 1×1 kanalları dört katına çıkarır.",
    "A bottleneck whose 3×3 is a grouped conv: g parallel paths (cardinality), split-transform-merge in one op.":
        "3×3'ü grouped conv olan bir bottleneck: g paralel yol (cardinality), tek işlemde split-transform-merge.",
    "The bottleneck in pre-activation order: BN and ReLU before each of its three convs.":
        "Pre-activation sırasıyla bottleneck: üç conv'un her birinden önce BN ve ReLU.",
    # ... main paths (the notes' "1×1 → G-3×3 → 1×1" is written out)
    "3×3 → 3×3": "3×3 → 3×3",
    "(BN+ReLU) → 3×3 → (BN+ReLU) → 3×3": "(BN+ReLU) → 3×3 → (BN+ReLU) → 3×3",
    "1×1 → 3×3 → 1×1": "1×1 → 3×3 → 1×1",
    "1×1 → grouped 3×3 → 1×1": "1×1 → grouped 3×3 → 1×1",
    "(BN+ReLU) → 1×1 → (BN+ReLU) → 3×3 → (BN+ReLU) → 1×1": "(BN+ReLU) → 1×1 → (BN+ReLU) → 3×3 → (BN+ReLU) → 1×1",
    # ... purposes (the notes' "Temel amaç")
    "Plain residual learning": "Basit residual öğrenme",
    "More stable training of very deep nets": "Çok derin ağlarda daha stabil eğitim",
    "Cut the cost so the net can go deeper": "Hesabı azaltıp derinleşmek",
    "More capacity at the same budget": "Aynı bütçede daha iyi kapasite",
    "Very deep nets (ResNet-164, ResNet-1001)": "Çok derin ağlar (ResNet-164, ResNet-1001)",
    # ... key differences (the notes' "Kritik fark")
    "Both 3×3 convs run at the full channel width": "3×3'ler doğrudan geniş kanalda",
    "BN/ReLU come before the convs, no ReLU after the addition":
        "Aktivasyon/BN conv'lardan önceye taşınır, toplamadan sonra ReLU yok",
    "The 3×3 runs on the narrow (reduced) channels": "3×3 dar (azaltılmış) kanalda",
    "The 3×3 is grouped: cardinality g, 1/g of the dense 3×3's weights":
        "3×3 yerine grouped conv + cardinality: g grup, dense 3×3'ün ağırlıklarının 1/g'si",
    "Bottleneck shape with pre-activation order": "Bottleneck yapısı, pre-activation sırası",
}
