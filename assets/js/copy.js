// Adds a copy button after every element marked data-copy: the citation
// and the embed code. The button's text is the attribute's value. Without
// JavaScript there is no button and the text stays on the page, selectable.
// External file, no eval, no innerHTML: works under a Content-Security-Policy
// of script-src 'self'.
(function () {
  'use strict';
  var els = document.querySelectorAll('[data-copy]');
  if (!els.length || !document.createElement('span').append) return;

  function textOf(el) {
    if (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT') return el.value;
    return el.textContent.replace(/\s+/g, ' ').trim();
  }

  // select puts the text in the selection, so that the person can copy it
  // themselves if the clipboard is out of reach.
  function select(el) {
    if (el.select) {
      el.focus();
      el.select();
      return;
    }
    var range = document.createRange();
    range.selectNodeContents(el);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  function legacyCopy(el) {
    select(el);
    try {
      return document.execCommand('copy');
    } catch (e) {
      return false;
    }
  }

  Array.prototype.forEach.call(els, function (el) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-button';
    button.textContent = el.getAttribute('data-copy') || 'Copy';
    var status = document.createElement('span');
    status.className = 'copy-status';
    status.setAttribute('role', 'status');
    var actions = document.createElement('p');
    actions.className = 'copy-actions';
    actions.append(button, ' ', status);
    el.insertAdjacentElement('afterend', actions);

    function done(ok) {
      status.textContent = ok ? 'Copied.' : 'The text is selected: press Ctrl+C (Cmd+C on a Mac) to copy it.';
      if (!ok) select(el);
    }
    button.addEventListener('click', function () {
      status.textContent = '';
      var text = textOf(el);
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(legacyCopy(el)); });
      } else {
        done(legacyCopy(el));
      }
    });
  });
})();
