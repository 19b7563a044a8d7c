"""Regional Hub pages (original demo text), one module per hub."""
from .hub_esa import HUB_ESA
from .hub_mena import HUB_MENA
from .hub_south_asia import HUB_SOUTH_ASIA
from .hub_western_balkans import HUB_WESTERN_BALKANS
from .hub_north_america import HUB_NORTH_AMERICA

HUBS = [HUB_ESA, HUB_MENA, HUB_SOUTH_ASIA, HUB_WESTERN_BALKANS, HUB_NORTH_AMERICA]
