// A message's files, checked as they are chosen: one file too many, or one over 10 MB, is said at
// once, in the page's language, and the form will not send, so a phone does not upload 30 MB only
// to hear it back. The server checks every file again and decides; without this script it alone does.
(() => {
  const check = (input) => {
    const files = Array.from(input.files);
    const most = parseInt(input.dataset.maxFiles, 10);
    const largest = parseInt(input.dataset.maxBytes, 10);
    const tooLarge = files.find((file) => file.size > largest);
    let problem = '';
    if (files.length > most) {
      problem = input.dataset.tooMany.replace('{count}', String(files.length));
    } else if (tooLarge) {
      problem = input.dataset.tooLarge.replace('{name}', tooLarge.name);
    }
    input.setCustomValidity(problem);
    if (problem) {
      input.setAttribute('aria-invalid', 'true');
      input.reportValidity();
    } else {
      input.removeAttribute('aria-invalid');
    }
  };

  document.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.matches('input[type=file][data-max-files]')) {
      check(event.target);
    }
  });
})();
