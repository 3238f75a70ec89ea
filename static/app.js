// tally: small enhancements; every page works without this file.
//
// Expense form: a live preview (#split-preview) of how the amount splits among the ticked
// participants, in minor units, by the same largest-remainder rule as the server. It is only
// a preview: the server decides, and may give an odd cent to someone else.
(function () {
  'use strict';

  // Reads an amount the way the server does (`1.234,56` where the page's language writes
  // decimals with a comma, `1,234.56`, or plain `1234.56`); minor units, or null.
  function parseAmount(text, minor, mark) {
    var t = text.trim();
    if (!t || t.length > 40) return null;
    var marks = [];
    for (var i = 0; i < t.length; i++) if (t.charAt(i) === '.' || t.charAt(i) === ',') marks.push(i);
    var decimalAt = -1;
    if (marks.length === 1) {
      var after = t.slice(marks[0] + 1);
      var grouping = t.charAt(marks[0]) !== mark && /^\d{3}$/.test(after);
      if (!grouping) decimalAt = marks[0];
    } else if (marks.length > 1) {
      var last = t.charAt(marks[marks.length - 1]);
      var mixed = marks.some(function (m) { return t.charAt(m) !== last; });
      if (mixed) {
        if (marks.slice(0, -1).some(function (m) { return t.charAt(m) === last; })) return null;
        decimalAt = marks[marks.length - 1];
      }
    }
    var whole = 0, frac = 0, digits = 0, inFrac = false, any = false;
    for (var j = 0; j < t.length; j++) {
      var c = t.charAt(j);
      if (c >= '0' && c <= '9') {
        any = true;
        if (inFrac) {
          if (++digits > minor) return null;
          frac = frac * 10 + Number(c);
        } else {
          whole = whole * 10 + Number(c);
          if (whole > 1e6) return null;
        }
      } else if (j === decimalAt && minor > 0) {
        inFrac = true;
      } else if (c === '.' || c === ',') {
        if (!any || !/^\d{3}(\D|$)/.test(t.slice(j + 1))) return null;
      } else if (" '\u00a0\u202f".indexOf(c) < 0 || inFrac || !any) {
        return null;
      }
    }
    var scale = Math.pow(10, minor);
    var value = whole * scale + frac * Math.pow(10, minor - digits);
    return any && value > 0 && value <= 1e6 * scale ? value : null;
  }

  // "33.33", "50", "12,5 %" → hundredths of a percent, or null.
  function parsePercent(text) {
    var m = /^(\d{1,3})(?:[.,](\d{0,2}))?$/.exec(text.trim().replace(/\s*%$/, ''));
    if (!m) return null;
    var value = Number(m[1]) * 100 + Number(((m[2] || '') + '00').slice(0, 2));
    return value > 0 && value <= 10000 ? value : null;
  }

  function parseWeight(text) {
    var t = text.trim();
    return /^\d{1,4}$/.test(t) && Number(t) >= 1 && Number(t) <= 1000 ? Number(t) : null;
  }

  // Splits exactly: floors first, then one leftover unit each to the largest remainders.
  function largestRemainder(amount, weights) {
    var total = weights.reduce(function (a, b) { return a + b; }, 0);
    var parts = weights.map(function (w) { return Math.floor(amount * w / total); });
    var rests = weights.map(function (w, i) { return amount * w - parts[i] * total; });
    var left = amount - parts.reduce(function (a, b) { return a + b; }, 0);
    var order = weights.map(function (_, i) { return i; });
    order.sort(function (a, b) { return rests[b] - rests[a] || a - b; });
    for (var k = 0; k < left; k++) parts[order[k]] += 1;
    return parts;
  }

  // Money the way the page's language writes it (the browser's CLDR data, as the server's).
  function format(units, minor, currency, lang) {
    var value = units / Math.pow(10, minor);
    try {
      return new Intl.NumberFormat(lang, { style: 'currency', currency: currency, minimumFractionDigits: minor, maximumFractionDigits: minor }).format(value);
    } catch (e) {
      return value.toFixed(minor) + ' ' + currency;
    }
  }

  // A message from the preview's data attributes, its {slots} filled in.
  function say(out, name, slots) {
    var text = out.getAttribute('data-' + name) || '';
    Object.keys(slots || {}).forEach(function (k) { text = text.split('{' + k + '}').join(slots[k]); });
    return text;
  }

  function field(form, name) {
    var el = form.querySelector('[name="' + name + '"]');
    return el ? el.value : '';
  }

  function preview(form, out) {
    // Paid in another currency: the amount and exact parts are typed in it.
    var paid = form.querySelector('select[name="paid_in"] option:checked[data-currency]');
    var source = paid || form;
    var minor = Number(source.getAttribute('data-minor-units')) || 0;
    var currency = source.getAttribute('data-currency') || 'EUR';
    var lang = document.documentElement.lang || 'en';
    var mark = out.getAttribute('data-decimal-mark') || '.';
    var money = function (units) { return format(units, minor, currency, lang); };
    var amount = parseAmount(field(form, 'amount'), minor, mark);
    var mode = form.querySelector('input[name="split"]:checked');
    mode = mode ? mode.value : 'equally';
    var people = Array.prototype.filter.call(
      form.querySelectorAll('input[name="participant"]'),
      function (box) { return box.checked; }
    ).map(function (box) {
      var label = box.closest('label');
      return { id: box.value, name: label ? label.textContent.trim() : '' };
    });
    if (amount === null) return say(out, 'enter-amount');
    if (!people.length) return say(out, 'tick');
    var parts;
    if (mode === 'by_exact_amounts') {
      parts = [];
      for (var i = 0; i < people.length; i++) {
        var v = parseAmount(field(form, 'exact_' + people[i].id), minor, mark);
        if (v === null) return say(out, 'amount-for', { name: people[i].name });
        parts.push(v);
      }
      var sum = parts.reduce(function (a, b) { return a + b; }, 0);
      if (sum !== amount) {
        return say(out, sum < amount ? 'missing' : 'too-much', {
          sum: money(sum), amount: money(amount), gap: money(Math.abs(amount - sum)),
        });
      }
    } else {
      var weights = [];
      var parse = mode === 'by_shares' ? parseWeight : mode === 'by_percentages' ? parsePercent : null;
      for (var j = 0; j < people.length; j++) {
        var w = parse ? parse(field(form, (mode === 'by_shares' ? 'weight_' : 'percent_') + people[j].id)) : 1;
        if (w === null) return say(out, mode === 'by_shares' ? 'shares-for' : 'percent-for', { name: people[j].name });
        weights.push(w);
      }
      if (mode === 'by_percentages') {
        var pct = weights.reduce(function (a, b) { return a + b; }, 0);
        if (pct !== 10000) {
          var shown = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(pct / 100);
          return say(out, 'percent-sum', { sum: shown });
        }
      }
      parts = largestRemainder(amount, weights);
    }
    return say(out, 'split', {
      parts: people.map(function (p, k) { return p.name + ' ' + money(parts[k]); }).join(' · '),
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('form.expense-form'), function (form) {
    var out = form.querySelector('#split-preview');
    if (!out) return;
    var update = function () { out.textContent = preview(form, out); };
    form.addEventListener('input', update);
    form.addEventListener('change', update);
    update();
  });
})();
