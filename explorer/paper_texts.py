"""The sentences and labels about the papers' forms and figures, in English and Turkish (issue 13).

Kept apart from texts.py (the long explanations, one page each, ~300 lines already). Live sentences are
templates filled with the library's numbers by ``say``; numbers are formatted for the language (Turkish
writes a decimal comma and a dot between thousands). The technical terms stay as the notes keep them.
"""

from __future__ import annotations

from explorer.i18n import Say
from resblocks import papers
from resblocks.config import BlockConfig
from resblocks.forms import group_width, shortcut_bn_params, stride_macs
from resblocks.memory import ActivationMemory

PAPER_TEXTS: dict[str, dict[str, str]] = {
    "d_line": {
        "en": "In this stage d = {base} × planes/64 = {base} × {planes}/64 = **{d}**: the “{base}d” of a name "
              "like {groups}×{base}d is d in the first stage (planes = 64), and each later stage doubles it.",
        "tr": "Bu aşamada d = {base} × planes/64 = {base} × {planes}/64 = **{d}**: {groups}×{base}d gibi bir "
              "adlandırmadaki “{base}d”, ilk aşamadaki (planes = 64) d'dir; sonraki her aşamada d iki katına çıkar.",
    },
    "preact_label": {"en": "Pre-activation projection", "tr": "Pre-activation projection (shortcut)"},
    "preact_help": {
        "en": "paper: as in the paper (He et al. 2016b, its code and timm), a bare 1×1 conv on the pre-activated "
              "input. notes: as in the notes, 1×1 conv + BN.",
        "tr": "paper: makaledeki gibi (He ve ark. 2016b, makalenin kodu ve timm), pre-activation uygulanmış girdiye "
              "BN'siz, yalın bir 1×1 conv. notes: notlardaki gibi, 1×1 conv + BN.",
    },
    "preact_extra": {
        "en": "paper = as in the paper (1×1 conv); notes = as in the notes (1×1 conv + BN): {extra} more "
              "parameters here (2 · {c_out}).",
        "tr": "paper = makaledeki gibi (1×1 conv); notes = notlardaki gibi (1×1 conv + BN): notes biçiminde burada "
              "{extra} parametre daha var (2 · {c_out}).",
    },
    "preact_identity": {
        "en": "paper = as in the paper, notes = as in the notes (+ BN); here the shortcut is the identity, so "
              "both are the same block.",
        "tr": "paper = makaledeki gibi, notes = notlardaki gibi (+ BN); burada shortcut identity olduğundan "
              "ikisi aynı bloktur.",
    },
    "stride_label": {"en": "Stride of a bottleneck on the", "tr": "Bottleneck'te stride'ın yeri"},
    "stride_help": {
        "en": "3x3: as in torchvision (ResNet v1.5). 1x1: as in the paper (He et al. 2016a), on the first 1×1.",
        "tr": "3x3: torchvision'daki gibi (ResNet v1.5). 1x1: makaledeki gibi (He ve ark. 2016a), ilk 1×1'de.",
    },
    "stride_drawn": {
        "en": "Drawn with the stride on the {where} ({who}).",
        "tr": "Stride {where} üzerinde çiziliyor ({who}).",
    },
    "stride_macs": {
        "en": " On the first 1×1 this block needs {fewer} fewer MACs ({on_1x1} instead of {on_3x3}).",
        "tr": " Stride ilk 1×1'deyken bu blok {fewer} daha az MAC gerektirir ({on_3x3} yerine {on_1x1}).",
    },
    "memory_labels": {
        "en": "Inference peak|Kept for backward|torchinfo: forward/backward",
        "tr": "Çıkarımda en yüksek|Geri geçiş için saklanan|torchinfo: ileri/geri geçiş",
    },
    "memory": {
        "en": "Activation memory, named for what each figure is: **{outputs}** is every layer's output added up, "
              "as if none were freed; a real inference pass holds at most **{peak}** at once (each tensor freed "
              "after its last use, the input aside); training keeps **{saved}** for backward (the tensors "
              "autograd saves); torchinfo's {torchinfo} is the outputs of the layers with weights counted twice "
              "(once for their gradients), leaving out the ReLUs and the addition.",
        "tr": "Aktivasyon belleği, her değerin neyi ölçtüğüyle: **{outputs}**, hiçbiri serbest bırakılmıyormuş gibi tüm "
              "katman çıktılarının toplamıdır; gerçek bir çıkarım geçişi aynı anda en çok **{peak}** tutar (girdi "
              "dışında her tensör son kullanımından sonra serbest bırakılır); eğitim, geri geçiş için **{saved}** "
              "saklar (`autograd`'ın kaydettiği tensörler); torchinfo'nun {torchinfo} değeri ise ağırlığı olan "
              "katmanların çıktılarının iki kez sayılmasıdır (bir kez de gradyanları için); ReLU'lar ve toplama bu "
              "değere girmez.",
    },
    "accuracy_heading": {
        "en": "What cardinality buys: accuracy",
        "tr": "Cardinality'nin kazandırdığı: doğruluk",
    },
    "accuracy_caption": {
        "en": "{metric}; lower is better. {citation}. Same complexity in each half: ResNet-50 and ResNet-101 "
              "against ResNeXt blocks of the same cost (Table 2). Without the shortcut ResNet-50 reaches "
              "{plain50} and ResNeXt-50 {plainx50} ({citation_residual}).",
        "tr": "{metric}; düşük olan daha iyidir. {citation}. Her yarıda karmaşıklık aynıdır: ResNet-50 ve ResNet-101, "
              "aynı maliyetteki ResNeXt bloklarıyla karşılaştırılıyor (Tablo 2). Shortcut olmadan ResNet-50'nin hatası "
              "{plain50}, ResNeXt-50'ninki {plainx50} olur ({citation_residual}).",
    },
    "accuracy_metric": {
        "en": "Top-1 error (%) on ImageNet-1K validation, one 224×224 crop",
        "tr": "ImageNet-1K doğrulama kümesinde top-1 hata (%), tek 224×224 kırpma",
    },
    "residual_source": {  # where papers.get_table("residual") comes from, said in the reader's language
        "en": "Sec. 5.1, the table under \"Residual connections\"",
        "tr": "Bölüm 5.1'de shortcut'lı ve shortcut'sız ağları karşılaştıran tablo",
    },
    "accuracy_columns": {"en": "network|setting|top-1 error (%)", "tr": "ağ|ayar|top-1 hata (%)"},
    "results_heading": {"en": "What the papers measured", "tr": "Makalelerin ölçtükleri"},
    "results_columns": {"en": "network|setting|error (%)", "tr": "ağ|ayar|hata (%)"},
    "plain_metric": {
        "en": "Top-1 error (%) on ImageNet validation, 10-crop testing: with shortcuts the deeper net is the better "
              "one, without them the worse",
        "tr": "ImageNet doğrulama kümesinde top-1 hata (%), 10 kırpmayla test: shortcut'larla daha derin ağ daha "
              "iyidir, onlarsız daha kötü",
    },
    "preact_metric": {
        "en": "Classification error (%) on the CIFAR-10 test set: the deeper the net, the more pre-activation helps",
        "tr": "CIFAR-10 test kümesinde sınıflandırma hatası (%): ağ ne kadar derinse pre-activation o kadar "
              "yardımcı olur",
    },
}
# Row labels of the papers' tables in Turkish; technical terms (plain, ResNet, pre-activation) stay.
_TR_LABELS = {"18 layers": "18 katman", "34 layers": "34 katman", "original unit": "özgün birim",
              "pre-activation unit": "pre-activation birimi"}


def template(key: str, lang: str) -> str:
    """The template ``key`` in ``lang``; any other language gets the English."""
    entry = PAPER_TEXTS[key]
    return entry.get(lang, entry["en"])


def d_line(cfg: BlockConfig, lang: str) -> str | None:
    """"In this stage d = 4 × planes/64 = …" for a grouped block; None for the others."""
    w = group_width(cfg)
    if w is None:
        return None
    return template("d_line", lang).format(base=w.base_width, planes=w.planes, d=w.d, groups=w.groups)


def preact_line(cfg: BlockConfig, lang: str) -> str | None:
    """What the pre-activation projection choice changes for ``cfg``; None where it does not apply."""
    extra = shortcut_bn_params(cfg)
    if extra is None:
        return None
    if extra == 0:
        return template("preact_identity", lang)
    return template("preact_extra", lang).format(extra=Say(lang).num(extra), c_out=cfg.out_channels)


def stride_line(cfg: BlockConfig, lang: str) -> str | None:
    """Which form the graph draws, and the MACs the first-1×1 form saves; None where the choice does not apply."""
    if not cfg.entry.bottleneck:
        return None
    on_1x1 = cfg.stride_on == "1x1"
    where = ("ilk 1×1" if lang == "tr" else "first 1×1") if on_1x1 else "3×3"
    who = "He et al. 2016a" if on_1x1 else "torchvision, ResNet v1.5"
    text = template("stride_drawn", lang).format(where=where, who=who)
    m = stride_macs(cfg)
    if m is not None:
        say = Say(lang)
        text += template("stride_macs", lang).format(fewer=say.pct(m.fewer_on_1x1),
                                                     on_1x1=say.num(m.on_1x1), on_3x3=say.num(m.on_3x3))
    return text


def memory_sentence(mem: ActivationMemory, lang: str) -> str:
    """The one sentence that names and reconciles the activation-memory figures."""
    say = Say(lang)
    return template("memory", lang).format(
        outputs=say.nbytes(mem.outputs_bytes), peak=say.nbytes(mem.inference_peak_bytes),
        saved=say.nbytes(mem.saved_bytes), torchinfo=say.nbytes(mem.torchinfo_bytes),
    )


def accuracy_markdown(lang: str) -> tuple[str, str]:
    """Xie et al. 2017's Table 3 as a Markdown table, and its caption with the sources, in ``lang``."""
    from explorer import tables

    table = papers.get_table("cardinality")
    network, setting, error = template("accuracy_columns", lang).split("|")
    rows = [{network: r.network, setting: r.setting, error: Say(lang).num(r.error, 1)} for r in table.results]
    residual = {(r.network, r.setting): r.error for r in papers.get_table("residual").results}
    caption = template("accuracy_caption", lang).format(
        metric=template("accuracy_metric", lang), citation=citation(table, lang),
        citation_residual=template("residual_source", lang),
        plain50=Say(lang).pct(residual["ResNet-50", "1×64d, without residual"] / 100),
        plainx50=Say(lang).pct(residual["ResNeXt-50", "32×4d, without residual"] / 100),
    )
    return tables.markdown(rows), caption


def results_markdown(key: str, lang: str) -> tuple[str, str]:
    """He et al.'s results that motivate a block ("plain": 2016a Table 2, "preact": 2016b Table 3) as a Markdown
    table, and its caption (what is measured, and the source), in ``lang``."""
    from explorer import tables

    table = papers.get_table(key)
    network, setting, error = template("results_columns", lang).split("|")
    label = (lambda text: _TR_LABELS.get(text, text)) if lang == "tr" else (lambda text: text)
    rows = [{network: label(r.network), setting: label(r.setting), error: Say(lang).num(r.error, 2)}
            for r in table.results]
    return tables.markdown(rows), f"{template(key + '_metric', lang)}. {citation(table, lang)}."


def citation(table: papers.PaperTable, lang: str) -> str:
    """The source of ``table``: "He et al. 2016a, Deep Residual Learning for Image Recognition (arXiv:1512.03385),
    Table 2"; in Turkish "He ve ark. 2016a, Deep Residual ... (arXiv:1512.03385), Tablo 2" (the title is a name)."""
    if lang != "tr":
        return table.citation
    return f"{table.paper.replace(' et al. ', ' ve ark. ', 1)}, {table.table.replace('Table', 'Tablo')}"
