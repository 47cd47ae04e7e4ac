"""The Turkish of the library's messages (resblocks.checks.Message templates in resblocks/checks.py, config.py and
values.py; see explorer/catalog/__init__.py). A page says them with ``say.message(exc)``; the field names and
values (groups=3, base_width, 3x3) are the library's own and stay as they are."""

TR: dict[str, str] = {
    # resblocks/checks.py: whole_number, one_of
    "whole_number's {bound} must be a whole number, not {limit}; pass an int":
        "whole_number'ın {bound} sınırı bir tam sayı olmalı, {limit} değil; bir int verin",
    "{name} must be a whole number, not {value}; choose a whole number from {low} to {high}":
        "{name} bir tam sayı olmalı, {value} değil; {low} ile {high} arasında bir tam sayı seçin",
    "{name} must be a whole number, not {value}; choose a whole number of at least {low}":
        "{name} bir tam sayı olmalı, {value} değil; en az {low} olan bir tam sayı seçin",
    "{name}={value} is out of range; choose a whole number from {low} to {high}":
        "{name}={value} izin verilen aralığın dışında; {low} ile {high} arasında bir tam sayı seçin",
    "{name}={value} is out of range; choose a whole number of at least {low}":
        "{name}={value} izin verilen aralığın dışında; en az {low} olan bir tam sayı seçin",
    "unknown {name} {value}; choose one of {choices}": "bilinmeyen {name} değeri {value}; şunlardan birini seçin: {choices}",
    # resblocks/config.py: BlockConfig, validate, the fixed-width helpers
    "preact_shortcut={value} applies only to a pre-activation block's projection; set it to paper or choose the "
    "preact or preact_bottleneck block":
        "preact_shortcut={value} yalnızca pre-activation bir bloğun projection'ında geçerlidir; paper yapın ya da "
        "preact veya preact_bottleneck bloğunu seçin",
    "stride_on={value} needs a 1×1 before the 3×3, which the {block} block does not have; set it to 3x3 or choose "
    "a bottleneck block":
        "stride_on={value} için 3×3'ten önce bir 1×1 gerekir, {block} bloğunda ise yok; 3x3 yapın ya da bir "
        "bottleneck blok seçin",
    "groups={groups} needs a grouped 3×3, which the {block} block does not have; set groups to 1 or choose the "
    "resnext block":
        "groups={groups} için grouped bir 3×3 gerekir, {block} bloğunda ise yok; groups'u 1 yapın ya da resnext "
        "bloğunu seçin",
    "base_width={base_width} applies only to the resnext block; set base_width to 64 or choose the resnext block "
    "(groups=1, base_width=128 is the wide bottleneck)":
        "base_width={base_width} yalnızca resnext bloğunda geçerlidir; base_width'i 64 yapın ya da resnext bloğunu "
        "seçin (groups=1, base_width=128 geniş bottleneck'tir)",
    "base_width={base_width} with planes={planes} leaves 0 channels per group (int({planes}·{base_width}/64) = 0); "
    "raise base_width to at least {need}":
        "grup başına 0 kanal kalıyor (planes={planes} ve base_width={base_width} için "
        "⌊{planes}·{base_width}/64⌋ = 0); base_width'i en az {need} yapın",
    "the grouped width {width} (= {d}·{groups}) is above the limit of {limit}; lower groups, base_width or planes":
        "grouped 3×3'ün genişliği {width} (= {d}·{groups}), {limit} sınırını aşıyor; groups, base_width ya da "
        "planes değerini düşürün",
    "stride={stride} is larger than the {size}×{size} input; lower stride or raise size to at least {stride}":
        "stride={stride}, {size}×{size} girdiden büyük; stride'ı düşürün ya da size'ı en az {stride} yapın",
    "the largest activation would hold {elements:,} values (batch {batch} × {widest} channels × {size}×{size}), "
    "more than the limit of {limit:,}; lower batch to at most {max_batch} or size to at most {max_size}, or the widths":
        "en büyük aktivasyon {elements:,} değer tutardı (batch {batch} × {widest} kanal × {size}×{size}), bu da "
        "{limit:,} sınırını aşıyor; batch'i en fazla {max_batch} ya da size'ı en fazla {max_size} yapın (biri "
        "yeter) veya kanal genişliklerini düşürün",
    "the largest activation would hold {elements:,} values (batch {batch} × {widest} channels × {size}×{size}), "
    "more than the limit of {limit:,}; lower size to at most {max_size} or the widths":
        "en büyük aktivasyon {elements:,} değer tutardı (batch {batch} × {widest} kanal × {size}×{size}), bu da "
        "{limit:,} sınırını aşıyor; size'ı en fazla {max_size} yapın ya da kanal genişliklerini düşürün",
    "{caller} needs a BlockConfig, not {kind}; build one with BlockConfig(block=..., ...) or from_values(...)":
        "{caller} bir BlockConfig bekler, {kind} değil; BlockConfig(block=..., ...) ya da from_values(...) ile "
        "bir tane oluşturun",
    "BlockConfig has no field {unknown}; change one of {names}":
        "BlockConfig'de {unknown} diye bir alan yok; şunlardan birini değiştirin: {names}",
    "the {block} block has no grouped 3×3; choose the resnext block": "{block} bloğunda grouped 3×3 yok; resnext bloğunu seçin",
    "groups={groups} does not divide the grouped width {width}; choose one of {options}":
        "grup sayısı groups={groups}, grouped 3×3'ün genişliğini ({width}) tam bölmüyor; şunlardan birini seçin: "
        "{options}",
    "no base_width gives {d} channels per group with planes={planes}":
        "planes={planes} iken grup başına {d} kanal veren bir base_width yok",
    # resblocks/values.py: from_values's notes
    "from_values needs a mapping of names to values, not {kind}; pass a dict":
        "from_values adlardan değerlere bir eşleme (mapping) bekler, {kind} değil; bir dict verin",
    "Ignored block={value}: choose one of {choices}.": "block={value} yok sayıldı; geçerli değerler: {choices}.",
    "Ignored {name}={value}: it must be a whole number from {low} to {high}.":
        "{name}={value} yok sayıldı: {low} ile {high} arasında bir tam sayı olmalı.",
    "Ignored {name}={value}: it must be from {low} to {high}.":
        "{name}={value} yok sayıldı: {low} ile {high} arasında olmalı.",
    "Ignored {name}={value}: choose one of {choices}.": "{name}={value} yok sayıldı; geçerli değerler: {choices}.",
    "Ignored {name}={value}: the {block} block has no grouped 3×3.":
        "{name}={value} yok sayıldı: {block} bloğunda grouped 3×3 yok.",
    "Ignored {name}={value}: the {block} block has no pre-activation projection.":
        "{name}={value} yok sayıldı: {block} bloğunda pre-activation projection yok.",
    "Ignored {name}={value}: the {block} block has no 1×1 before its 3×3.":
        "{name}={value} yok sayıldı: {block} bloğunda 3×3'ten önce 1×1 yok.",
    "Ignored {names}: {reason}.": "{names} yok sayıldı: {reason}.",
}
