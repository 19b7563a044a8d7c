"""Map data for the whole network. Target: served in under 1 s."""

from _common import Client, measure

measure("/en/network/map/data.json (whole network)", "/en/network/map/data.json", runs=8, cold=True)
measure("/en/network/map/data.json (whole network)", "/en/network/map/data.json", runs=8)
measure("/en/network/map/ (page)", "/en/network/map/", runs=20)

gzip_client = Client(HTTP_ACCEPT_ENCODING="gzip, deflate, br")
measure(
    "/en/network/map/data.json (whole network, compressed)", "/en/network/map/data.json", runs=8, client=gzip_client
)
