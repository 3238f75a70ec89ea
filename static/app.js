// tally: small enhancements; every page works without this file.
//
// Expense form: a live preview (#split-preview) of how the amount splits among the ticked
// participants, in minor units, by the same largest-remainder rule as the server. It is only
// a preview: the server decides, and may give an odd cent to someone else.
(function () {
  'use strict';

  // Reads an amount the way the server does; minor units, or null.
  function parseAmount(text, minor) {
    var t = text.trim(), whole = 0, frac = 0, digits = 0, inFrac = false, any = false;
    if (!t || t.length > 32) return null;
    for (var i = 0; i < t.length; i++) {
      var c = t.charAt(i);
      if (c >= '0' && c <= '9') {
        any = true;
        if (inFrac) {
          if (++digits > minor) return null;
          frac = frac * 10 + Number(c);
        } else {
          whole = whole * 10 + Number(c);
          if (whole > 1e6) return null;
        }
      } else if ((c === '.' || c === ',') && !inFrac && minor > 0) {
        inFrac = true;
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

  function format(units, minor, symbol) {
    var sign = units < 0 ? '-' : '', abs = Math.abs(units), scale = Math.pow(10, minor);
    var whole = Math.floor(abs / scale), frac = String(abs % scale);
    while (frac.length < minor) frac = '0' + frac;
    return sign + symbol + whole + (minor > 0 ? '.' + frac : '');
  }

  function field(form, name) {
    var el = form.querySelector('[name="' + name + '"]');
    return el ? el.value : '';
  }

  function preview(form) {
    // Paid in another currency: the amount and exact parts are typed in it.
    var paid = form.querySelector('select[name="paid_in"] option:checked[data-symbol]');
    var source = paid || form;
    var minor = Number(source.getAttribute('data-minor-units')) || 0;
    var symbol = source.getAttribute('data-symbol') || '';
    var money = function (units) { return format(units, minor, symbol); };
    var amount = parseAmount(field(form, 'amount'), minor);
    var mode = form.querySelector('input[name="split"]:checked');
    mode = mode ? mode.value : 'equally';
    var people = Array.prototype.filter.call(
      form.querySelectorAll('input[name="participant"]'),
      function (box) { return box.checked; }
    ).map(function (box) {
      var label = box.closest('label');
      return { id: box.value, name: label ? label.textContent.trim() : '' };
    });
    if (amount === null) return 'Enter an amount to see how it is split.';
    if (!people.length) return 'Tick at least one participant.';
    var parts;
    if (mode === 'by_exact_amounts') {
      parts = [];
      for (var i = 0; i < people.length; i++) {
        var v = parseAmount(field(form, 'exact_' + people[i].id), minor);
        if (v === null) return 'Enter an amount for ' + people[i].name + '.';
        parts.push(v);
      }
      var sum = parts.reduce(function (a, b) { return a + b; }, 0);
      if (sum !== amount) {
        return 'The amounts add up to ' + money(sum) + ' but the expense is ' + money(amount) +
          ' (' + money(Math.abs(amount - sum)) + (sum < amount ? ' still to assign).' : ' too much).');
      }
    } else {
      var weights = [];
      var parse = mode === 'by_shares' ? parseWeight : mode === 'by_percentages' ? parsePercent : null;
      for (var j = 0; j < people.length; j++) {
        var w = parse ? parse(field(form, (mode === 'by_shares' ? 'weight_' : 'percent_') + people[j].id)) : 1;
        if (w === null) return 'Enter a ' + (mode === 'by_shares' ? 'number of shares' : 'percentage') + ' for ' + people[j].name + '.';
        weights.push(w);
      }
      if (mode === 'by_percentages') {
        var pct = weights.reduce(function (a, b) { return a + b; }, 0);
        if (pct !== 10000) {
          return 'The percentages add up to ' + Math.floor(pct / 100) + '.' +
            String(100 + pct % 100).slice(1) + ' % instead of 100 %.';
        }
      }
      parts = largestRemainder(amount, weights);
    }
    return 'Split: ' + people.map(function (p, k) { return p.name + ' ' + money(parts[k]); }).join(' · ') + '.';
  }

  Array.prototype.forEach.call(document.querySelectorAll('form.expense-form'), function (form) {
    var out = form.querySelector('#split-preview');
    if (!out) return;
    var update = function () { out.textContent = preview(form); };
    form.addEventListener('input', update);
    form.addEventListener('change', update);
    update();
  });
})();
