// Keeps navigation badges (such as unread messages) current from the server's event stream, and
// tells the page, so that a list showing the same things can refresh itself.
document.addEventListener('DOMContentLoaded', () => {
  if (!window.EventSource) {
    return;
  }
  document.querySelectorAll('[data-live-badge]').forEach((badge) => {
    const count = badge.querySelector('[data-count]');
    const stream = new EventSource(badge.getAttribute('data-live-badge'));
    stream.addEventListener('count', (event) => {
      const changed = count.textContent !== event.data;
      count.textContent = event.data;
      badge.hidden = event.data === '0';
      if (changed) {
        document.body.dispatchEvent(new CustomEvent('badge-changed', { detail: { count: event.data } }));
      }
    });
  });
});
