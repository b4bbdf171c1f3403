"""Layer 2, repair: Arabic extracted from PDFs put back into logical reading order.

Detection of visual order, the line model and its evidence, the layouts of
other PDF extractors (`repair.layouts`), and the document structure rebuilt
from repaired lines. Imports only `text` and the foundation modules.
"""

from sahel_analysis.repair.detect import Detection, detect_visual_order
from sahel_analysis.repair.structure import repair_text

__all__ = ["Detection", "detect_visual_order", "repair_text"]
