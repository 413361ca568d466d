// The SurveyJS comparison (issue 16: formseal's time to interactive against SurveyJS's on the same
// machine). `toSurvey` turns a formseal definition into a SurveyJS survey with the same sections,
// fields, options, required marks, lengths, patterns and rows, so both libraries draw the same
// form; `surveyPage` is the host page that draws it with SurveyJS's own vanilla-JS renderer
// (survey-core + survey-js-ui, installed under bench/ by scripts/bench.sh, never by the tests).
const zh = (t) => (t && typeof t === 'object' ? t.zh ?? t.en ?? '' : t ?? '');
const PATTERNS = {
  uscc: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$',
  postcode: '^\\d{6}$',
  mobile: '^1\\d{10}$',
  phone: '^(0\\d{2,3}-?)?\\d{7,8}(-\\d{1,6})?$|^1\\d{10}$',
};

function question(f) {
  const [kind, k] = Object.entries(f.kind)[0];
  const q = { name: f.id, title: zh(f.label), isRequired: f.required !== false };
  if (f.help) q.description = zh(f.help);
  switch (kind) {
    case 'text':
      Object.assign(q, { type: k.multiline ? 'comment' : 'text', maxLength: k.max_chars });
      if (k.format === 'email') Object.assign(q, { inputType: 'email', validators: [{ type: 'email' }] });
      else if (PATTERNS[k.format]) q.validators = [{ type: 'regex', regex: PATTERNS[k.format] }];
      return q;
    case 'choice':
      return { ...q, type: 'radiogroup', choices: k.options.map((o) => ({ value: o.value, text: zh(o.label) })) };
    case 'multi_choice':
      return { ...q, type: 'checkbox', choices: k.options.map((o) => ({ value: o.value, text: zh(o.label) })) };
    case 'rows':
      return { ...q, type: 'paneldynamic', templateElements: k.fields.map(question), minPanelCount: k.min ?? 0,
        maxPanelCount: k.max ?? 100, panelCount: Math.max(1, k.min ?? 1), templateTitle: `${zh(k.row_label ?? f.label)} {panelIndex}` };
    case 'files':
      return { ...q, type: 'file', allowMultiple: k.multiple !== false, storeDataAsText: false };
    case 'agree':
      return { ...q, type: 'boolean', renderAs: 'checkbox', label: zh(k.statement) };
    case 'date':
      return { ...q, type: 'text', inputType: 'date' };
    default:
      return { ...q, type: 'text' };
  }
}

/** A formseal definition as a SurveyJS survey: one page, one panel per section. */
export function toSurvey(def) {
  return {
    title: zh(def.title),
    locale: 'zh-cn',
    checkErrorsMode: 'onValueChanged',
    pages: [{ name: 'form', elements: def.sections.map((s) => ({ type: 'panel', name: s.id, title: zh(s.title), elements: s.fields.map(question) })) }],
  };
}

/** The host page: SurveyJS's scripts and style sheet, then the survey drawn into #survey. */
export const surveyPage = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>SurveyJS</title>
<link rel="stylesheet" href="/bench/survey/survey-core.fontless.min.css">
<script src="/bench/survey/survey.core.min.js"></script>
<script src="/bench/survey/survey.i18n.min.js"></script>
<script src="/bench/survey/survey-js-ui.min.js"></script></head>
<body><div id="survey"></div><script>
fetch('/bench/survey/tc260.json').then((r) => r.json()).then((json) => {
  const survey = new Survey.Model(json);
  survey.render(document.getElementById('survey'));
});
</script></body></html>`;
