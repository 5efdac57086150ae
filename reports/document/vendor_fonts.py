"""How the fonts under static/fonts/ were made (run once by hand; the files are committed).

    python -m reports.document.vendor_fonts DIR

DIR holds the unpacked npm packages `@expo-google-fonts/noto-serif@0.4.2`, `noto-sans@0.4.2`,
`noto-naskh-arabic@0.4.5` and `noto-sans-sc@0.4.3` (`npm pack NAME@VERSION`, then `tar xzf`): static
TTF instances of the Google Fonts builds, SIL Open Font License 1.1. Latin, Greek, Cyrillic and Arabic
are copied whole. Noto Sans SC is 10.5 MB a weight, so it is subset to the 7,445 characters of
GB 2312 (all 6,763 hanzi of levels 1 and 2, punctuation, full-width forms) plus ASCII and the CJK
punctuation block, keeping every OpenType layout feature: about 2 MB a weight. A character outside
that set falls back to the next family of the stack (and shows as missing in the PDF: the renderer
never reaches for system fonts).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from fontTools import subset

TARGET = Path(__file__).resolve().parents[2] / "static" / "fonts"

COPIES = {
    "expo-google-fonts-noto-serif-0.4.2/package/400Regular/NotoSerif_400Regular.ttf": "NotoSerif-Regular.ttf",
    "expo-google-fonts-noto-serif-0.4.2/package/700Bold/NotoSerif_700Bold.ttf": "NotoSerif-Bold.ttf",
    "expo-google-fonts-noto-serif-0.4.2/package/400Regular_Italic/NotoSerif_400Regular_Italic.ttf": (
        "NotoSerif-Italic.ttf"
    ),
    "expo-google-fonts-noto-serif-0.4.2/package/700Bold_Italic/NotoSerif_700Bold_Italic.ttf": (
        "NotoSerif-BoldItalic.ttf"
    ),
    "expo-google-fonts-noto-sans-0.4.2/package/400Regular/NotoSans_400Regular.ttf": "NotoSans-Regular.ttf",
    "expo-google-fonts-noto-sans-0.4.2/package/700Bold/NotoSans_700Bold.ttf": "NotoSans-Bold.ttf",
    "expo-google-fonts-noto-naskh-arabic-0.4.5/package/400Regular/NotoNaskhArabic_400Regular.ttf": (
        "NotoNaskhArabic-Regular.ttf"
    ),
    "expo-google-fonts-noto-naskh-arabic-0.4.5/package/700Bold/NotoNaskhArabic_700Bold.ttf": (
        "NotoNaskhArabic-Bold.ttf"
    ),
}
SUBSETS = {
    "expo-google-fonts-noto-sans-sc-0.4.3/package/400Regular/NotoSansSC_400Regular.ttf": (
        "NotoSansSC-Regular-GB2312.ttf"
    ),
    "expo-google-fonts-noto-sans-sc-0.4.3/package/700Bold/NotoSansSC_700Bold.ttf": "NotoSansSC-Bold-GB2312.ttf",
}
LICENCES = {
    "expo-google-fonts-noto-serif-0.4.2/package/LICENSE_FONT": "OFL-Noto-Latin-Greek-Cyrillic.txt",
    "expo-google-fonts-noto-naskh-arabic-0.4.5/package/LICENSE_FONT": "OFL-Noto-Naskh-Arabic.txt",
    "expo-google-fonts-noto-sans-sc-0.4.3/package/LICENSE_FONT": "OFL-Noto-Sans-SC.txt",
}


def gb2312_characters() -> list[int]:
    """Every character GB 2312 encodes, as code points."""
    found = set(range(0x20, 0x7F)) | set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0))
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes([high, low]).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return sorted(found)


def main(source: Path) -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, target in {**COPIES, **LICENCES}.items():
        shutil.copyfile(source / name, TARGET / target)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    codepoints = gb2312_characters()
    for name, target in SUBSETS.items():
        font = subset.load_font(str(source / name), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints)
        subsetter.subset(font)
        subset.save_font(font, str(TARGET / target), options)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
