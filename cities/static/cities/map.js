/*
 * Network map: member cities on an offline world map (no tile server, no CDN).
 *
 * Progressive enhancement for
 *   <div id="network-map" class="network-map"
 *        data-points-url="…/map/data.json"           (required for points)
 *        data-countries-url="…/countries-110m.geojson" (optional background shapes)
 *        data-label-open-profile="Open profile"       (optional)
 *        data-label-members="members"                 (optional)
 *        data-label-error="The map could not be loaded." (optional)
 *        data-label-zoom-in="Zoom in" data-label-zoom-out="Zoom out" (optional)
 *        role="region" aria-label="…"></div>
 *
 * Needs Leaflet (window.L) and, for clustering, Leaflet.markercluster, both loaded
 * before this file. Plain ES2017, no build step. Data is only ever inserted with
 * textContent / DOM properties, never as HTML.
 */
(function () {
  "use strict";

  var DEFAULT_FIELDS = ["slug", "name", "lat", "lon", "hub", "url"];
  var DEFAULT_COLOR = "#5e5e5e";
  var WORLD_BOUNDS = [[-58, -170], [78, 180]];
  var DEFAULT_LABELS = {
    openProfile: "Open profile",
    members: "members",
    error: "The map could not be loaded.",
    zoomIn: "Zoom in",
    zoomOut: "Zoom out",
  };

  function isRtl() {
    var dir = document.dir || document.documentElement.getAttribute("dir") || "";
    return dir.toLowerCase() === "rtl";
  }

  function readLabels(el) {
    var d = el.dataset;
    return {
      openProfile: d.labelOpenProfile || DEFAULT_LABELS.openProfile,
      members: d.labelMembers || DEFAULT_LABELS.members,
      error: d.labelError || DEFAULT_LABELS.error,
      zoomIn: d.labelZoomIn || DEFAULT_LABELS.zoomIn,
      zoomOut: d.labelZoomOut || DEFAULT_LABELS.zoomOut,
    };
  }

  function showMessage(el, text) {
    var box = el.querySelector(".network-map__message");
    if (!box) {
      box = document.createElement("p");
      box.className = "network-map__message";
      box.setAttribute("role", "alert");
      el.appendChild(box);
    }
    box.textContent = text;
  }

  // Only http(s) links (relative ones resolve to the page's origin): rejects
  // javascript:, data:, vbscript: and the like. Returns the URL unchanged.
  function safeHref(url) {
    if (typeof url !== "string" || !url) return null;
    try {
      var u = new URL(url, window.location.href);
      if (u.protocol === "http:" || u.protocol === "https:") return url;
    } catch (e) {
      /* invalid URL */
    }
    return null;
  }

  async function fetchJson(url) {
    var response = await fetch(url, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (!response.ok) throw new Error("HTTP " + response.status + " for " + url);
    return response.json();
  }

  function numberFormatter(lang, options) {
    try {
      return new Intl.NumberFormat(lang || undefined, options);
    } catch (e) {
      return { format: String };
    }
  }

  function init(el) {
    if (el.dataset.mapReady) return;
    el.dataset.mapReady = "1";
    var labels = readLabels(el);
    var L = window.L;
    if (!L || typeof L.map !== "function") {
      showMessage(el, labels.error);
      return;
    }

    var rtl = isRtl();
    var reduceMotion =
      typeof window.matchMedia === "function" && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var lang = document.documentElement.lang || undefined;
    var fullNumber = numberFormatter(lang);
    var shortNumber = numberFormatter(lang, { notation: "compact", maximumFractionDigits: 1 });

    el.classList.add("network-map--enhanced");
    var map = L.map(el, {
      worldCopyJump: true,
      minZoom: 1,
      maxZoom: 10,
      preferCanvas: true,
      // Fractional zoom lets the initial world view fill wide containers better;
      // buttons, keyboard and wheel still step by whole levels.
      zoomSnap: 0.25,
      zoomDelta: 1,
      wheelPxPerZoomLevel: 120,
      zoomControl: false,
      attributionControl: false,
      keyboard: true,
      zoomAnimation: !reduceMotion,
      fadeAnimation: !reduceMotion,
      markerZoomAnimation: !reduceMotion,
    });
    L.control
      .zoom({
        position: rtl ? "topright" : "topleft",
        zoomInTitle: labels.zoomIn,
        zoomOutTitle: labels.zoomOut,
      })
      .addTo(map);
    L.control
      .attribution({ position: rtl ? "bottomleft" : "bottomright", prefix: false })
      .addAttribution("Natural Earth")
      .addTo(map);
    map.fitBounds(WORLD_BOUNDS);

    // Countries live in their own pane below the markers, so the order in which the
    // two requests finish does not matter.
    var countryPane = map.createPane("networkCountries");
    countryPane.style.zIndex = 250;
    countryPane.style.pointerEvents = "none";
    var countriesUrl = el.dataset.countriesUrl;
    if (countriesUrl) {
      fetchJson(countriesUrl)
        .then(function (geojson) {
          L.geoJSON(geojson, {
            pane: "networkCountries",
            renderer: L.canvas({ pane: "networkCountries", padding: 0.5 }),
            interactive: false,
            style: {
              stroke: true,
              color: "#ffffff",
              weight: 0.8,
              opacity: 1,
              fill: true,
              fillColor: "#d4d4d4",
              fillOpacity: 1,
            },
          }).addTo(map);
        })
        .catch(function (err) {
          // The points are still useful on the plain background.
          if (window.console) console.warn("network map: countries not loaded", err);
        });
    }

    var pointsUrl = el.dataset.pointsUrl;
    if (!pointsUrl) return;

    function loaded(count) {
      el.removeAttribute("aria-busy");
      el.dispatchEvent(new CustomEvent("network-map:loaded", { detail: { count: count } }));
    }

    var pointsAdded = false;
    var hasClusters = typeof L.markerClusterGroup === "function";
    var group = hasClusters
      ? L.markerClusterGroup({
          chunkedLoading: true,
          chunkInterval: 100,
          chunkDelay: 20,
          showCoverageOnHover: false,
          animate: !reduceMotion,
          spiderfyOnMaxZoom: true,
          chunkProgress: function (processed, total) {
            // Also called when the (empty) group is first added to the map.
            if (pointsAdded && processed === total) loaded(total);
          },
          iconCreateFunction: function (cluster) {
            var count = cluster.getChildCount();
            var size = count < 10 ? "small" : count < 100 ? "medium" : count < 1000 ? "large" : "xlarge";
            var px = { small: 32, medium: 38, large: 44, xlarge: 52 }[size];
            var wrap = document.createElement("div");
            var visible = document.createElement("span");
            visible.className = "network-map__cluster-count";
            visible.setAttribute("aria-hidden", "true");
            visible.textContent = count >= 10000 ? shortNumber.format(count) : fullNumber.format(count);
            var hidden = document.createElement("span");
            hidden.className = "network-map__sr-only";
            hidden.textContent = fullNumber.format(count) + " " + labels.members;
            wrap.appendChild(visible);
            wrap.appendChild(hidden);
            return L.divIcon({
              html: wrap,
              className: "network-map__cluster network-map__cluster--" + size,
              iconSize: L.point(px, px),
            });
          },
        })
      : L.featureGroup();
    group.addTo(map);

    var popup = L.popup({ maxWidth: 280, autoPanPadding: L.point(24, 24) });
    var hubs = {};

    function popupContent(city) {
      var root = document.createElement("div");
      root.className = "network-map__popup";
      var title = document.createElement("p");
      title.className = "network-map__popup-title";
      var href = safeHref(city.url);
      var nameNode;
      if (href) {
        nameNode = document.createElement("a");
        nameNode.href = href;
        nameNode.title = labels.openProfile;
      } else {
        nameNode = document.createElement("span");
      }
      nameNode.textContent = city.name;
      title.appendChild(nameNode);
      root.appendChild(title);
      var hub = hubs[city.hub];
      if (hub && hub.name) {
        var hubLine = document.createElement("p");
        hubLine.className = "network-map__popup-hub";
        var swatch = document.createElement("span");
        swatch.className = "network-map__swatch";
        swatch.setAttribute("aria-hidden", "true");
        swatch.style.backgroundColor = hub.color || DEFAULT_COLOR;
        hubLine.appendChild(swatch);
        hubLine.appendChild(document.createTextNode(hub.name));
        root.appendChild(hubLine);
      }
      return root;
    }

    function openCity(marker) {
      popup.setLatLng(marker.getLatLng()).setContent(popupContent(marker.networkCity)).openOn(map);
    }

    group.on("click", function (e) {
      if (e.layer && e.layer.networkCity) openCity(e.layer);
    });

    // Keyboard: a popup opened from the keyboard takes focus (its link); closing it
    // (Escape, or the close button) returns focus to the map. Mouse-opened popups
    // leave focus alone, the link is still reachable with Tab.
    var openedByKeyboard = false;
    map.on("popupopen", function (e) {
      var node = e.popup.getElement();
      var link = node && node.querySelector(".network-map__popup a");
      if (openedByKeyboard && link) link.focus({ preventScroll: true });
      openedByKeyboard = false;
    });
    map.on("popupclose", function (e) {
      var node = e.popup.getElement();
      if (node && node.contains(document.activeElement)) el.focus({ preventScroll: true });
    });

    var markers = [];
    // Keyboard access to single points (canvas markers cannot take focus): with the
    // map focused, Enter opens the popup of the visible point nearest the centre
    // (marked by a crosshair in map.css). Clusters are focusable buttons themselves.
    el.addEventListener("keydown", function (e) {
      // Escape inside an open popup (Leaflet only handles it while the map itself
      // has focus): close it and return focus to the map.
      if ((e.key === "Escape" || e.keyCode === 27) && e.target !== el) {
        var openPopup = popup.getElement();
        if (popup.isOpen() && openPopup && openPopup.contains(e.target)) {
          e.preventDefault();
          map.closePopup(popup);
          el.focus({ preventScroll: true });
        }
        return;
      }
      if (e.target !== el || (e.key !== "Enter" && e.keyCode !== 13)) return;
      var centre = map.getSize().divideBy(2);
      var best = null;
      var bestDist = 30 * 30;
      for (var i = 0; i < markers.length; i++) {
        var m = markers[i];
        if (!map.hasLayer(m)) continue;
        var p = map.latLngToContainerPoint(m.getLatLng());
        var dx = p.x - centre.x;
        var dy = p.y - centre.y;
        var d = dx * dx + dy * dy;
        if (d <= bestDist) {
          best = m;
          bestDist = d;
        }
      }
      if (best) {
        e.preventDefault();
        openedByKeyboard = true;
        openCity(best);
      }
    });

    el.setAttribute("aria-busy", "true");
    fetchJson(pointsUrl)
      .then(function (data) {
        hubs = (data && data.hubs) || {};
        var fields = (data && Array.isArray(data.fields) && data.fields) || DEFAULT_FIELDS;
        var idx = {};
        DEFAULT_FIELDS.forEach(function (name, i) {
          var at = fields.indexOf(name);
          idx[name] = at === -1 ? i : at;
        });
        var styles = {};
        function styleFor(hubKey) {
          if (!styles[hubKey]) {
            var hub = hubs[hubKey];
            styles[hubKey] = {
              radius: 6,
              color: "#1f1f1f",
              weight: 1,
              opacity: 0.9,
              fillColor: (hub && typeof hub.color === "string" && hub.color) || DEFAULT_COLOR,
              fillOpacity: 0.95,
            };
          }
          return styles[hubKey];
        }
        var rows = (data && Array.isArray(data.points) && data.points) || [];
        for (var i = 0; i < rows.length; i++) {
          var row = rows[i];
          var lat = Number(row[idx.lat]);
          var lon = Number(row[idx.lon]);
          if (!isFinite(lat) || !isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) continue;
          var hubKey = row[idx.hub];
          var marker = L.circleMarker([lat, lon], styleFor(hubKey));
          marker.networkCity = {
            slug: row[idx.slug],
            name: String(row[idx.name] == null ? "" : row[idx.name]),
            hub: hubKey,
            url: row[idx.url],
          };
          markers.push(marker);
        }
        if (!markers.length) {
          loaded(0);
        } else if (hasClusters) {
          // chunkedLoading: clustered in ~100 ms slices so the page stays responsive.
          pointsAdded = true;
          group.addLayers(markers);
        } else {
          markers.forEach(function (m) {
            group.addLayer(m);
          });
          loaded(markers.length);
        }
      })
      .catch(function (err) {
        el.removeAttribute("aria-busy");
        if (window.console) console.error("network map: points not loaded", err);
        showMessage(el, labels.error);
      });

    el.networkMap = map;
  }

  function start() {
    var nodes = document.querySelectorAll("#network-map, .network-map[data-points-url]");
    for (var i = 0; i < nodes.length; i++) init(nodes[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
