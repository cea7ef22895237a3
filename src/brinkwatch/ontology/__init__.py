"""CAMEO / PLOVER / ACLED tables as packaged data files, with a small typed loader.

    from brinkwatch import ontology
    onto = ontology.load()
    onto.cameo("1124").plover      # 'ACCUSE'
    onto.plover("ASSAULT").score   # -9.0
"""

from .loader import PLOVER_TYPES, QUAD_CLASS_NAMES, AcledRule, CameoCode, Ontology, PloverType, load

__all__ = ["PLOVER_TYPES", "QUAD_CLASS_NAMES", "AcledRule", "CameoCode", "Ontology", "PloverType", "load"]
