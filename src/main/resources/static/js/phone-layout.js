// Three things a phone needs that a stylesheet alone cannot do under the strict content security policy
// (no inline script or style, no eval):
// - the header's menu button: on a narrow screen the navigation folds away behind it, so that the
//   header stays one row high; without this script the navigation simply stays open;
// - before sign-in, the language button: the family languages fold away behind a button that names
//   the current one; without this script they stay listed (and the header grows a row or two);
// - tables of more than three columns: each cell is labelled with its column's heading
//   (data-label), so that below 480 px the stylesheet can show each row as a card of labelled lines.
(() => {
  const menu = () => {
    const header = document.querySelector('.site-header');
    const button = header && header.querySelector('.menu-button');
    if (!button) {
      return;
    }
    header.classList.add('site-header--collapsible');
    button.hidden = false;
    const show = (open) => {
      button.setAttribute('aria-expanded', String(open));
      header.classList.toggle('site-header--open', open);
    };
    button.addEventListener('click', () => show(button.getAttribute('aria-expanded') !== 'true'));
    // With the navigation folded away, its counts (unread messages) show on the button instead.
    const badge = button.querySelector('[data-menu-badge]');
    const count = () => {
      const total = Array.from(header.querySelectorAll('.site-nav [data-live-badge] [data-count]'))
        .reduce((sum, shown) => sum + (parseInt(shown.textContent, 10) || 0), 0);
      badge.querySelector('[data-count]').textContent = String(total);
      badge.hidden = total === 0;
    };
    count();
    document.body.addEventListener('badge-changed', count);
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && button.getAttribute('aria-expanded') === 'true') {
        show(false);
        button.focus();
      }
    });
  };

  const languages = () => {
    const header = document.querySelector('.site-header');
    const button = header && header.querySelector('.language-button');
    if (!button) {
      return;
    }
    header.classList.add('site-header--languages-collapsible');
    button.hidden = false;
    const show = (open) => {
      button.setAttribute('aria-expanded', String(open));
      header.classList.toggle('site-header--languages-open', open);
    };
    button.addEventListener('click', () => show(button.getAttribute('aria-expanded') !== 'true'));
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && button.getAttribute('aria-expanded') === 'true') {
        show(false);
        button.focus();
      }
    });
  };

  const label = (root) => {
    root.querySelectorAll('table.table').forEach((table) => {
      const headings = Array.from(table.querySelectorAll('thead tr:last-child th')).map((th) => th.textContent.trim());
      if (headings.length <= 3) {
        return;
      }
      table.classList.add('table--stack');
      table.querySelectorAll('tbody tr').forEach((row) => {
        Array.from(row.children).forEach((cell, index) => {
          if (!cell.hasAttribute('data-label') && headings[index]) {
            cell.setAttribute('data-label', headings[index]);
          }
        });
      });
    });
  };

  document.addEventListener('DOMContentLoaded', () => {
    menu();
    languages();
    label(document);
  });
  // Lists that htmx swaps in (a filtered table, a refreshed list) get their labels too.
  document.addEventListener('htmx:afterSwap', (event) => label(event.target));
})();
