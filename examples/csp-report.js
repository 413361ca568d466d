// Lists every Content-Security-Policy violation on the page (the strict-CSP example expects none).
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  const text = `${e.violatedDirective}: ${e.blockedURI || e.sample || '(inline)'}`;
  window.cspViolations.push(text);
  const li = document.createElement('li');
  li.textContent = text;
  document.getElementById('violations')?.append(li);
});
