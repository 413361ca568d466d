#!/usr/bin/env python3
"""Makes the two PDF font subsets in fonts/ from Debian's fonts-noto-cjk (Noto Serif CJK SC, OFL).

  fonts/formseal-serif-sc-1.otf  ASCII, Latin, punctuation and every character of GB2312
                                 (fetched for every PDF)
  fonts/formseal-serif-sc-2.otf  the rest of GBK, the whole CJK Unified Ideographs block,
                                 Extension A and the compatibility ideographs (fetched only when
                                 the application uses one of them)

Layout tables and hinting are dropped: the PDF places glyphs itself and never hints them.
Usage: python3 scripts/make-fonts.py   (needs fontTools: pip install fonttools)
Output is deterministic for a given source font and fontTools version.
"""
import pathlib
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection

SOURCE = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
FACE = "Noto Serif CJK SC"
OUT = pathlib.Path(__file__).resolve().parent.parent / "fonts"


def encodable(cp, codec):
    try:
        chr(cp).encode(codec)
        return True
    except UnicodeEncodeError:
        return False


def main():
    ttc = TTCollection(SOURCE)
    index = next(i for i, f in enumerate(ttc.fonts) if f["name"].getDebugName(4) == FACE)
    cmap = ttc.fonts[index].getBestCmap()
    bmp = range(0x20, 0x10000)

    part1 = set(range(0x20, 0x7F)) | set(range(0xA0, 0x180))  # ASCII, Latin-1, Latin Extended-A
    part1 |= set(range(0x2010, 0x2060)) | set(range(0x3000, 0x3040)) | set(range(0xFF01, 0xFF66))
    part1 |= {cp for cp in bmp if encodable(cp, "gb2312")}
    part1 &= set(cmap)

    part2 = {cp for cp in bmp if encodable(cp, "gbk")}
    part2 |= set(range(0x3400, 0x4DC0)) | set(range(0x4E00, 0xA000)) | set(range(0xF900, 0xFB00))
    part2 = (part2 & set(cmap)) - part1

    gbk_hanzi = [cp for cp in bmp if encodable(cp, "gbk") and 0x3400 <= cp < 0xFB00 and chr(cp).isprintable()]
    missing = [cp for cp in gbk_hanzi if cp not in part1 and cp not in part2]
    if missing:
        sys.exit(f"the source font lacks {len(missing)} GBK characters, e.g. U+{missing[0]:04X}")

    OUT.mkdir(exist_ok=True)
    for name, cps in (("formseal-serif-sc-1.otf", part1), ("formseal-serif-sc-2.otf", part2)):
        options = subset.Options()
        options.font_number = index
        options.layout_features = []
        options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx", "DSIG"]
        options.hinting = False
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.recalc_timestamp = False
        font = subset.load_font(SOURCE, options)
        sub = subset.Subsetter(options)
        sub.populate(unicodes=sorted(cps))
        sub.subset(font)
        path = OUT / name
        subset.save_font(font, str(path), options)
        print(f"{path.name}: {len(cps)} characters, {path.stat().st_size} bytes")
    print(f"GBK ideographs: {len(gbk_hanzi)}, all covered")


if __name__ == "__main__":
    main()
