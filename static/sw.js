// tally's service worker: only an offline page. Pages and forms always go to the server;
// when the network is gone, a page request gets the offline page instead of the browser's
// error. Nothing is written offline, and no page with someone's data is ever cached.
'use strict';
var CACHE = 'tally-offline-v2';
var OFFLINE = '/offline';
var ASSETS = [OFFLINE, '/static/style.css', '/static/favicon.svg'];

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(ASSETS); }));
  self.skipWaiting();
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET' || request.mode !== 'navigate') return;
  event.respondWith(fetch(request).catch(function () {
    return caches.match(OFFLINE);
  }));
});
