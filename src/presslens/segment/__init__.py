"""Layout segmenter: one page of text -> articles (docs/segmentation.md). Modules by job:
`cues` (cue data, folding), `units` (blocks and their tests, dates), `shapes` (line kinds),
`head` (post starts, heads), `layout` (the segmenter: bodies, articles, site memory)."""

from .cues import CUES_PATH, MONTHS, Cues, fold, line_key, load_cues, straighten
from .layout import LayoutSegmenter, parts_has_body, segment_page
from .units import (
    Unit,
    content_words,
    ends_terminal,
    ends_unfinished,
    match_dateline,
    parse_date,
    parse_stamp,
    split_units,
    tag_items,
    title_ratio,
)

__all__ = ['CUES_PATH', 'Cues', 'LayoutSegmenter', 'MONTHS', 'Unit', 'content_words', 'ends_terminal', 'ends_unfinished', 'fold', 'line_key', 'load_cues', 'match_dateline', 'parse_date', 'parse_stamp', 'parts_has_body', 'segment_page', 'split_units', 'straighten', 'tag_items', 'title_ratio']
