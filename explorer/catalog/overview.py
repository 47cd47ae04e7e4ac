"""The Turkish of the overview strings (see explorer/catalog/__init__.py), and of the block registry's descriptive
texts (resblocks/registry.py stays English; the sidebar finds the titles here too)."""

TR: dict[str, str] = {
    # The page
    "ResBlock Explorer": "ResBlock Explorer",
    "Residual learning": "Residual öğrenme",
    "Why each block?": "Her blok neden ortaya çıktı?",
    "The blocks compared": "Blokların karşılaştırması",
    "Parameters for the current settings: in_channels={in_channels}, planes={planes}, stride={stride}, "
    "input {size}×{size}; the ResNeXt row uses groups={groups}, base_width={base_width}.":
        "Geçerli ayarlarla parametre sayıları: in_channels={in_channels}, planes={planes}, stride={stride}, girdi "
        "{size}×{size}; ResNeXt satırı groups={groups}, base_width={base_width} kullanır.",
    "each block’s default (64 or 256, its repeated block)":
        "her bloğun kendi varsayılanı (64 ya da 256: aşamada tekrarlanan blok)",
    " ← current": " ← seçili",
    # The notes' comparison table (§6): "Blok | Main path omurgası | Temel amaç | Kritik fark"
    # "Block" is the sidebar's (catalog/shell.py): "Blok"
    "Main path": "Main path omurgası",
    "Purpose": "Temel amaç",
    "Key difference": "Kritik fark",
    # "Parameters" is the Graph page's (catalog/graph.py): "Parametreler"
    "Multiply-adds": "Çarpma-toplama (MACs)",  # as on the Budget page
    "MACs are multiply-adds (what torchvision and the ResNeXt paper call FLOPs).":
        "MAC sayısı, çarpma-toplama işlemlerinin sayısıdır (torchvision'ın ve ResNeXt makalesinin FLOPs dediği).",
    "Open a block's computation graph with these settings:":
        "Bir bloğun hesaplama grafını bu ayarlarla açın:",
    "In short": "Kısa sezgi",
    "Which block when?": "Hangi blok ne zaman?",
    "Source: the project's notes on ResNeXt blocks, sections 1, 3, 4, 6 and 9; He et al. 2016; Xie et al. 2017.":
        "Kaynak: projenin ResNeXt blokları üzerine notları, bölüm 1, 3, 4, 6 ve 9; He ve ark. 2016; Xie ve ark. 2017.",
    # The glossary (explorer/glossary.py)
    "Glossary (Türkçe ↔ English)": "Sözlük (Türkçe ↔ İngilizce)",
    "The terms the notes mix: the first column writes each as the Turkish pages do.":
        "Notlarda Türkçe ve İngilizce karışık kullanılan terimler: ilk sütun her terimi uygulamanın Türkçe sayfalarında "
        "yazıldığı gibi verir.",
    "In the Turkish pages": "Uygulamada",
    "Turkish term": "Türkçesi",
    "English term": "İngilizcesi",
    "Meaning": "Anlamı",
    # The block registry (resblocks/registry.py): titles
    "Basic block (ResNet-18/34)": "Basic blok (ResNet-18/34)",
    "Pre-activation block (ResNet v2)": "Pre-activation blok (ResNet v2)",
    "Bottleneck (ResNet-50/101/152)": "Bottleneck (ResNet-50/101/152)",  # as the Graph page writes it
    "ResNeXt block (grouped-conv bottleneck)": "ResNeXt bloğu (grouped conv'lu bottleneck)",
    "Pre-activation bottleneck (ResNet v2, 164/1001 layers)":
        "Pre-activation bottleneck (ResNet v2, 164/1001 katman)",
    # (the one-line summaries: catalog/graph.py, BLOCKS, where the Graph page shows them)
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
