// Site search, with no search service: fetches the small index the build
// writes (/search/index.json) and finds the measures whose title,
// description or glossary terms contain every word of the query (a word
// matches the start of a word: "adopt" finds "adoption"). Results are
// built with textContent, never innerHTML. Without JavaScript the form
// still submits, to the same page, which lists every measure from A to Z.
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  var results = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  if (!form || !results || !status || !window.fetch || !window.URLSearchParams) return;
  var input = form.querySelector('input[name="q"]');
  var base = form.getAttribute('data-base') || '/';
  var indexURL = form.getAttribute('data-index');
  var index = null;

  function norm(s) {
    return String(s).toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, ' ').trim();
  }

  function load() {
    if (!index) {
      index = fetch(indexURL, { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) throw new Error('search index: ' + r.status);
        return r.json();
      }).then(function (list) {
        return list.map(function (e) {
          var terms = e.terms.map(norm);
          return {
            entry: e,
            title: ' ' + norm(e.title) + ' ',
            text: ' ' + norm([e.title, e.service, e.words.join(' '), terms.join(' ')].join(' ')) + ' ',
            terms: terms,
            titleTerms: (e.title_terms || []).map(norm)
          };
        });
      });
    }
    return index;
  }

  function find(items, query) {
    var q = norm(query);
    var words = q ? q.split(' ') : [];
    if (!words.length) return [];
    var hits = [];
    items.forEach(function (it) {
      var score = 0;
      var all = words.every(function (w) {
        if (it.title.indexOf(' ' + w) >= 0) { score += 3; return true; }
        if (it.text.indexOf(' ' + w) >= 0) { score += 1; return true; }
        return false;
      });
      // A glossary term, in any of its spellings: first the measures
      // named after it, then those that use it.
      if (it.titleTerms.indexOf(q) >= 0) { score += 10; all = true; }
      else if (it.terms.indexOf(q) >= 0) { score += 5; all = true; }
      if (all) hits.push({ entry: it.entry, score: score });
    });
    hits.sort(function (a, b) {
      return b.score - a.score || a.entry.title.localeCompare(b.entry.title);
    });
    return hits.map(function (h) { return h.entry; });
  }

  function show(query, found) {
    while (results.firstChild) results.removeChild(results.firstChild);
    if (!found.length) {
      status.textContent = 'No measure matches “' + query + '”. Try another word, or look through the list of every measure below.';
      return;
    }
    status.textContent = (found.length === 1 ? '1 measure matches' : found.length + ' measures match') + ' “' + query + '”.';
    var list = document.createElement('ol');
    list.className = 'search-list';
    found.forEach(function (e) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = base + e.url;
      a.textContent = e.title;
      var meta = document.createElement('span');
      meta.className = 'meta';
      meta.textContent = ' ' + e.service;
      li.append(a, meta);
      list.appendChild(li);
    });
    results.appendChild(list);
  }

  function run(query) {
    query = query.trim();
    if (!query) {
      show('', []);
      status.textContent = 'Type a word to search for.';
      return;
    }
    status.textContent = 'Searching…';
    load().then(function (items) { show(query, find(items, query)); }, function () {
      status.textContent = 'Search is not working at the moment. Every measure is listed below from A to Z.';
    });
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var q = input.value;
    if (window.history && history.replaceState) {
      history.replaceState(null, '', '?q=' + encodeURIComponent(q.trim()));
    }
    run(q);
  });
  var q = new URLSearchParams(window.location.search).get('q');
  if (q) {
    input.value = q;
    run(q);
  }
})();
