"""Attribution: claims, their cues and content, and the parties they are attributed to.

Importing the package registers the `newsclaims_attributions` spaCy factory.
"""

from .component import AttributionFinder, make_attribution_finder

__all__ = ["AttributionFinder", "make_attribution_finder"]
