"""Map data for the whole network. Target: served in under 1 s."""

from _common import measure

measure("/en/network/map/data.json (whole network)", "/en/network/map/data.json", runs=8, cold=True)
measure("/en/network/map/data.json (whole network)", "/en/network/map/data.json", runs=8)
measure("/en/network/map/ (page)", "/en/network/map/", runs=20)
