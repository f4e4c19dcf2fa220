// soi report page. Reads the run's summary and, only when a document comes into view (or is
// printed), that document's model. The documents follow this script in the page, so the
// browser may still be reading them: a document is used once the element after it exists.
// Text from the reports is only ever set as text (textContent, createTextNode), never parsed
// as markup.
(function () {
  'use strict';

  var I18N = {
    vi: {
      title: 'soi — kiểm tra số liệu',
      files: 'tệp', figures: 'số liệu đọc được', relations: 'quan hệ', checked: 'đã kiểm tra', agreeing: 'khớp',
      findings: 'phát hiện', unreadable: 'tệp không đọc được',
      level: { error: 'lỗi', warning: 'cảnh báo', info: 'thông tin' },
      levels: { error: 'Lỗi', warning: 'Cảnh báo', info: 'Thông tin' },
      status: { error: 'phát hiện: lỗi', warning: 'phát hiện: cảnh báo', info: 'phát hiện: thông tin', related: 'liên quan đến một phát hiện', agrees: 'khớp (đã kiểm tra)', unchecked: 'chưa kiểm tra' },
      relStatus: { agrees: 'khớp', rounding: 'khớp khi làm tròn', mismatch: 'lệch', unchecked: 'chưa kiểm tra' },
      kind: { ratio: 'tỷ lệ a/b', plan_percent: '% kế hoạch', share: 'tỷ trọng (chiếm)', sum: 'tổng và các thành phần', difference: 'phần còn lại (hiệu)', growth: 'tăng/giảm so với kỳ trước', restatement: 'nêu lại cùng chỉ tiêu', aggregate: 'tổng suy ra từ các thành phần', contribution: 'đóng góp vào tăng trưởng', order: 'thứ tự trong danh sách xếp hạng', product: 'lượng × mức trên đơn vị', growth_range: 'tăng của tổng trong khoảng các thành phần', table_compare: 'cột so sánh của bảng', table_assessment: 'cột đánh giá của bảng', table_total: 'dòng tổng của bảng', table_share: 'cột tỷ lệ của bảng', table_unit: 'đơn vị ô bảng', table_restatement: 'bảng và văn bản' },
      role: { value: 'giá trị', plan: 'kế hoạch', plan_percent: '% kế hoạch', growth_percent: '% tăng/giảm', growth_absolute: 'mức tăng/giảm', share_percent: '% tỷ trọng', ratio_numerator: 'tử số', ratio_denominator: 'mẫu số', part: 'thành phần', total: 'tổng', other: 'khác' },
      part: { body: 'thân bài', summary: 'phần đánh giá chung', tasks: 'phần nhiệm vụ', footnote: 'chú thích' },
      byRule: 'Phát hiện theo quy tắc', rule: 'Quy tắc', name: 'Tên', none: 'Không có phát hiện nào.',
      legend: 'Chú giải', fileList: 'Danh sách tệp', file: 'Tệp',
      allRules: 'Mọi quy tắc', allLevels: 'Mọi mức', allFiles: 'Mọi tệp', search: 'Tìm trong phát hiện…',
      filterRule: 'Quy tắc', filterLevel: 'Mức', filterFile: 'Tệp', clear: 'Bỏ lọc',
      prev: '◀ Trước', next: 'Sau ▶', shown: function (a, b) { return 'Hiện ' + a + '/' + b + ' phát hiện'; },
      listTitle: 'Phát hiện', noMatch: 'Không có phát hiện nào khớp bộ lọc.',
      detailTitle: 'Chi tiết', detailHint: 'Bấm hoặc chọn (Tab) một số liệu được tô màu để xem các quan hệ của nó: toán hạng được tô trong văn bản, kể cả trong chú thích và bảng. Phím J/K (hoặc N/P) chuyển giữa các phát hiện, / để tìm, Esc để bỏ chọn.',
      indicator: 'Chỉ tiêu', roleLabel: 'Vai trò', value: 'Giá trị', section: 'Mục', where: 'Vị trí', line: 'dòng', column: 'cột',
      computed: 'Tính được', stated: 'Ghi', operands: 'Toán hạng', alternatives: 'Hoặc toán hạng', result: 'Kết quả',
      cues: 'Từ nối', rules: 'Quy tắc', noRule: 'chưa có quy tắc nào kiểm tra', bound: 'chỉ là cận dưới', why: 'Vì sao',
      relationsOf: 'Quan hệ', operandOf: 'Là toán hạng của', inList: '↑ trong danh sách', figuresOf: function (n) { return n + ' số liệu'; },
      loading: 'Đang hiện văn bản…', unnamed: '(không có số liệu)', textMark: 'đoạn văn bản'
    },
    en: {
      title: 'soi — figure check',
      files: ['file', 'files'], figures: ['figure read', 'figures read'], relations: ['relation', 'relations'], checked: 'checked', agreeing: 'agree',
      findings: ['finding', 'findings'], unreadable: ['file could not be read', 'files could not be read'],
      level: { error: 'error', warning: 'warning', info: 'info' },
      levels: { error: 'Errors', warning: 'Warnings', info: 'Info' },
      status: { error: 'finding: error', warning: 'finding: warning', info: 'finding: info', related: 'part of a finding', agrees: 'agrees (checked)', unchecked: 'not checked' },
      relStatus: { agrees: 'agrees', rounding: 'agrees within rounding', mismatch: 'mismatch', unchecked: 'not checked' },
      kind: { ratio: 'ratio a/b', plan_percent: 'percent of plan', share: 'share of a whole', sum: 'total and parts', difference: 'remainder (difference)', growth: 'growth against the earlier period', restatement: 'same indicator stated again', aggregate: 'total from its parts', contribution: 'contribution to a growth', order: 'order of a ranked list', product: 'quantity × rate per unit', growth_range: 'total growth within its parts\' range', table_compare: 'table comparison column', table_assessment: 'table assessment column', table_total: 'table total row', table_share: 'table rate column', table_unit: 'table cell unit', table_restatement: 'table and text' },
      role: { value: 'value', plan: 'plan', plan_percent: 'percent of plan', growth_percent: 'growth percent', growth_absolute: 'growth amount', share_percent: 'share percent', ratio_numerator: 'numerator', ratio_denominator: 'denominator', part: 'part', total: 'total', other: 'other' },
      part: { body: 'body', summary: 'summary', tasks: 'tasks', footnote: 'footnote' },
      byRule: 'Findings by rule', rule: 'Rule', name: 'Name', none: 'No findings.',
      legend: 'Legend', fileList: 'Files', file: 'File',
      allRules: 'All rules', allLevels: 'All levels', allFiles: 'All files', search: 'Search findings…',
      filterRule: 'Rule', filterLevel: 'Level', filterFile: 'File', clear: 'Clear filters',
      prev: '◀ Previous', next: 'Next ▶', shown: function (a, b) { return 'Showing ' + a + '/' + b + ' findings'; },
      listTitle: 'Findings', noMatch: 'No finding matches the filters.',
      detailTitle: 'Details', detailHint: 'Click or Tab to a marked figure to see its relations: their operands are highlighted in the text, footnotes and tables included. J/K (or N/P) move between findings, / searches, Esc clears the selection.',
      indicator: 'Indicator', roleLabel: 'Role', value: 'Value', section: 'Section', where: 'Where', line: 'line', column: 'column',
      computed: 'Computed', stated: 'Written', operands: 'Operands', alternatives: 'Or operands', result: 'Result',
      cues: 'Cue words', rules: 'Rules', noRule: 'no rule checks it', bound: 'a lower bound only', why: 'Why',
      relationsOf: 'Relations', operandOf: 'Operand of', inList: '↑ in the list', figuresOf: function (n) { return n + (n === '1' ? ' figure' : ' figures'); },
      loading: 'Showing the text…', unnamed: '(no figure)', textMark: 'text'
    }
  };

  var S = JSON.parse(document.getElementById('soi-summary').textContent);
  var T = I18N[S.lang] || I18N.vi;
  var LEVELS = ['error', 'warning', 'info'];
  var STATUS = ['error', 'warning', 'info', 'related', 'agrees', 'unchecked'];

  var models = [];      // parsed document models, by document
  var marksEl = [];     // per document: mark id → its elements in the text
  var sections = [];    // per document: its <section>
  var items = [];       // per finding: its <li> in the list
  var folded = null;    // per finding: its searchable text, made on the first search
  var visible = [];     // findings that pass the filters, in order
  var visibleSet = {};
  var filter = { rule: '', level: '', file: '', q: '' };
  var selected = null;  // {d, m}
  var current = -1;     // the finding last gone to
  var lit = [];         // elements highlighted for the selection

  function el(tag, props, kids) {
    var e = document.createElement(tag);
    if (props) {
      for (var k in props) {
        if (!Object.prototype.hasOwnProperty.call(props, k) || props[k] == null) continue;
        if (k === 'text') e.textContent = props[k];
        else if (k === 'cls') e.className = props[k];
        else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), props[k]);
        else e.setAttribute(k, props[k]);
      }
    }
    (kids || []).forEach(function (c) {
      if (c == null) return;
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }

  function fold(s) {
    return String(s == null ? '' : s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  }

  function num(n) { return Number(n).toLocaleString(S.lang === 'en' ? 'en-US' : 'vi-VN'); }

  // A count and its noun: English words come as [singular, plural].
  function count(n, key) {
    var w = T[key];
    return num(n) + ' ' + (Array.isArray(w) ? w[n === 1 ? 0 : 1] : w);
  }

  function word(key) {
    var w = T[key];
    return Array.isArray(w) ? w[1] : w;
  }

  // Whether a document's data has been read whole by the browser.
  function loaded(d) {
    return document.readyState !== 'loading' || !!document.getElementById('soi-doc-' + (d + 1));
  }

  function model(d) {
    if (!models[d]) models[d] = prepare(d, JSON.parse(document.getElementById('soi-doc-' + d).textContent));
    return models[d];
  }

  // Findings across the reports of a series come after the documents' own, each with the
  // document (`doc`) of its place and of each related place; they find their marks by line
  // and column. Where each one touches each document: [finding, primary?, line, column].
  var touches = {};
  S.findings.forEach(function (x, g) {
    if (!x.series) return;
    (touches[x.doc] = touches[x.doc] || []).push([g, true, x.line, x.column]);
    x.related.forEach(function (o) { (touches[o.doc] = touches[o.doc] || []).push([g, false, o.line, o.column]); });
  });

  function markAt(m, line, column) {
    var found = -1;
    for (var i = 0; i < m.marks.length; i++) {
      var mk = m.marks[i];
      if (mk.line === line && mk.column === column && (found < 0 || mk.figure)) { found = i; if (mk.figure) break; }
    }
    return found;
  }

  // Each mark's findings (gf) and the findings it is an operand of (gr), as indices into the
  // run's list, the series findings included.
  function prepare(d, m) {
    var first = S.files[d].first;
    m.marks.forEach(function (mk) {
      mk.gf = (mk.findings || []).map(function (k) { return first + k; });
      mk.gr = (mk.related || []).map(function (k) { return first + k; });
    });
    (touches[d] || []).forEach(function (t) {
      var i = markAt(m, t[2], t[3]);
      if (i < 0) return;
      var mk = m.marks[i];
      var x = S.findings[t[0]];
      if (t[1]) { mk.gf.push(t[0]); mk.status = worst([mk.status, x.severity]); }
      else { mk.gr.push(t[0]); mk.status = worst([mk.status, 'related']); }
    });
    return m;
  }

  // The operands of finding g: [{d, m}], in any document of the run.
  function operands(g) {
    var x = S.findings[g];
    if (x.series) {
      return x.related.map(function (o) { return { d: o.doc, line: o.line, column: o.column, text: o.message }; });
    }
    var mod = model(x.doc);
    return mod.findings[x.index].related.map(function (o) { return { d: x.doc, m: o }; });
  }

  function operandMark(o) {
    if (o.m === undefined) o.m = loaded(o.d) ? markAt(model(o.d), o.line, o.column) : -1;
    return o.m;
  }

  // Goes to a place of another document (a series finding's operand).
  function goTo(d, line, column) {
    whenLoaded(d, function () {
      if (sections[d].hidden) { clearFilters(); setFilter('file', String(d)); }
      render(d);
      var i = markAt(model(d), line, column);
      if (i < 0) return;
      select(d, i);
      reveal(d, i, true);
    });
  }

  // Runs fn once document d can be used (at once, usually).
  var waiting = [];
  function whenLoaded(d, fn) {
    if (loaded(d)) { fn(); return; }
    waiting.push([d, fn]);
    if (waiting.length === 1) setTimeout(retry, 50);
  }
  function retry() {
    var now = waiting;
    waiting = [];
    now.forEach(function (w) { whenLoaded(w[0], w[1]); });
  }

  function worst(list) {
    var best = 'unchecked';
    list.forEach(function (s) { if (STATUS.indexOf(s) < STATUS.indexOf(best)) best = s; });
    return best;
  }

  // ---- Header: the run's summary -------------------------------------------------------
  function header() {
    var top = document.getElementById('top');
    var f = S.files;
    var sum = function (k) { return f.reduce(function (a, x) { return a + x[k]; }, 0); };
    var byLevel = { error: 0, warning: 0, info: 0 };
    var byRule = {};
    S.findings.forEach(function (x) {
      byLevel[x.severity] = (byLevel[x.severity] || 0) + 1;
      var r = byRule[x.rule] || (byRule[x.rule] = { name: x.name, error: 0, warning: 0, info: 0 });
      r[x.severity] += 1;
    });
    var meta = count(f.length, 'files') + ' · ' + count(sum('figures'), 'figures') + ' · ' +
      num(sum('checked')) + '/' + count(sum('relations'), 'relations') + ' ' + T.checked +
      ' (' + num(sum('agrees')) + ' ' + T.agreeing + ') · ' + count(S.findings.length, 'findings');
    if (S.unreadable) meta += ' · ' + count(S.unreadable, 'unreadable');
    var levels = el('span', { cls: 'levels' }, LEVELS.map(function (l) {
      return el('span', { cls: 'count ' + l, 'data-level': l, text: num(byLevel[l]) + ' ' + T.level[l] });
    }));
    var codes = Object.keys(byRule).sort();
    var tally = codes.length ? el('table', { cls: 'tally', id: 'by-rule' }, [
      el('caption', { text: T.byRule, style: 'text-align:left;font-weight:600' }),
      el('thead', null, [el('tr', null, [el('th', { text: T.rule }), el('th', { text: T.name })].concat(LEVELS.map(function (l) { return el('th', { text: T.levels[l] }); })))]),
      el('tbody', null, codes.map(function (c) {
        var r = byRule[c];
        return el('tr', null, [
          el('td', null, [el('button', { type: 'button', text: c, title: T.filterRule, onclick: function () { setFilter('rule', c); } })]),
          el('td', { text: r.name })
        ].concat(LEVELS.map(function (l) { return el('td', { cls: 'n', text: r[l] ? num(r[l]) : '' }); })));
      }))
    ]) : el('p', { text: T.none });
    var legend = el('ul', { cls: 'legend', 'aria-label': T.legend }, STATUS.map(function (s) {
      return el('li', null, [el('span', { cls: 'mk s-' + s, text: '12,3%' }), ' ' + T.status[s]]);
    }));
    var files = el('details', { cls: 'files' }, [
      el('summary', { text: T.fileList + ' (' + num(f.length) + ')' }),
      el('div', { cls: 'scroll' }, [el('table', { cls: 'tally' }, [
        el('thead', null, [el('tr', null, [el('th', { text: T.file }), el('th', { text: word('figures') }), el('th', { text: word('relations') + ' ' + T.checked }), el('th', { text: word('findings') })])]),
        el('tbody', null, f.map(function (x, d) {
          return el('tr', null, [
            el('td', null, [el('button', { type: 'button', text: x.file, onclick: function () { setFilter('file', String(d)); } })]),
            el('td', { cls: 'n', text: num(x.figures) }),
            el('td', { cls: 'n', text: num(x.checked) + '/' + num(x.relations) }),
            el('td', { cls: 'n', text: num(x.findings) })
          ]);
        }))
      ])])
    ]);
    top.appendChild(el('h1', { text: T.title }));
    top.appendChild(el('p', { cls: 'meta', id: 'run-summary' }, [meta + ' ', levels]));
    top.appendChild(el('div', { cls: 'summary-row' }, [tally, el('div', { cls: 'side' }, [el('b', { text: T.legend }), legend, files])]));
  }

  // ---- Toolbar: filters, search, navigation --------------------------------------------
  var controls = {};
  function toolbar() {
    var bar = document.getElementById('toolbar');
    var howMany = function (pred) { return S.findings.filter(pred).length; };
    var ruleOpts = [el('option', { value: '', text: T.allRules })];
    var seen = {};
    S.rules.forEach(function (r) { seen[r.code] = r; });
    S.findings.forEach(function (x) { if (!seen[x.rule]) seen[x.rule] = { code: x.rule, name: x.name }; });
    Object.keys(seen).sort().forEach(function (c) {
      var n = howMany(function (x) { return x.rule === c; });
      ruleOpts.push(el('option', { value: c, text: c + ' ' + seen[c].name + ' (' + n + ')' }));
    });
    controls.rule = el('select', { id: 'filter-rule', 'aria-label': T.filterRule, onchange: function () { setFilter('rule', this.value); } }, ruleOpts);
    controls.level = el('select', { id: 'filter-level', 'aria-label': T.filterLevel, onchange: function () { setFilter('level', this.value); } },
      [el('option', { value: '', text: T.allLevels })].concat(LEVELS.map(function (l) {
        return el('option', { value: l, text: T.levels[l] + ' (' + howMany(function (x) { return x.severity === l; }) + ')' });
      })));
    controls.file = el('select', { id: 'filter-file', 'aria-label': T.filterFile, onchange: function () { setFilter('file', this.value); } },
      [el('option', { value: '', text: T.allFiles })].concat(S.files.map(function (x, d) {
        return el('option', { value: String(d), text: x.file + ' (' + x.findings + ')' });
      })));
    var timer = null;
    controls.q = el('input', { id: 'search', type: 'search', placeholder: T.search, 'aria-label': T.search, oninput: function () {
      var v = this.value;
      clearTimeout(timer);
      timer = setTimeout(function () { setFilter('q', v); }, 120);
    } });
    controls.shown = el('span', { cls: 'shown', id: 'shown', 'aria-live': 'polite' });
    bar.appendChild(el('label', null, [T.filterRule, controls.rule]));
    bar.appendChild(el('label', null, [T.filterLevel, controls.level]));
    bar.appendChild(el('label', null, [T.filterFile, controls.file]));
    bar.appendChild(controls.q);
    bar.appendChild(el('button', { type: 'button', id: 'clear', text: T.clear, onclick: clearFilters }));
    bar.appendChild(el('button', { type: 'button', id: 'prev', text: T.prev, title: 'K / P', onclick: function () { step(-1); } }));
    bar.appendChild(el('button', { type: 'button', id: 'next', text: T.next, title: 'J / N', onclick: function () { step(1); } }));
    bar.appendChild(controls.shown);
  }

  function setFilter(key, value) {
    filter[key] = value;
    if (controls[key] && controls[key].value !== value) controls[key].value = value;
    applyFilter();
  }

  function clearFilters() {
    ['rule', 'level', 'file', 'q'].forEach(function (k) { filter[k] = ''; controls[k].value = ''; });
    applyFilter();
  }

  function passes(g) {
    var x = S.findings[g];
    if (filter.rule && x.rule !== filter.rule) return false;
    if (filter.level && x.severity !== filter.level) return false;
    if (filter.file !== '' && String(x.doc) !== filter.file) return false;
    if (filter.q) {
      if (!folded) folded = S.findings.map(function (y) { return fold([y.rule, y.name, y.message, y.help, y.file, y.stated, y.computed].join(' ')); });
      var words = fold(filter.q).split(/\s+/).filter(Boolean);
      for (var i = 0; i < words.length; i++) if (folded[g].indexOf(words[i]) < 0) return false;
    }
    return true;
  }

  function applyFilter() {
    visible = [];
    visibleSet = {};
    var docHas = {};
    S.findings.forEach(function (x, g) {
      var ok = passes(g);
      items[g].hidden = !ok;
      if (ok) { visible.push(g); visibleSet[g] = true; docHas[x.doc] = true; }
    });
    var narrowed = filter.rule || filter.level || filter.q;
    S.files.forEach(function (x, d) {
      var show = (filter.file === '' || filter.file === String(d)) && (!narrowed || docHas[d]);
      sections[d].hidden = !show;
    });
    document.getElementById('no-match').hidden = visible.length > 0 || S.findings.length === 0;
    controls.shown.textContent = T.shown(visible.length, S.findings.length);
    models.forEach(function (m, d) { if (m && marksEl[d]) dimFiltered(d); });
  }

  // A finding mark whose findings are all filtered out is shown plainly, its note hidden.
  function dimFiltered(d) {
    var m = models[d];
    m.marks.forEach(function (mk, id) {
      if (!mk.gf.length) return;
      var on = mk.gf.some(function (g) { return visibleSet[g]; });
      marksEl[d][id].forEach(function (e) { e.classList.toggle('f-off', !on); });
    });
    var notes = sections[d].querySelectorAll('.note');
    for (var i = 0; i < notes.length; i++) notes[i].classList.toggle('f-off', !visibleSet[Number(notes[i].getAttribute('data-g'))]);
  }

  // ---- The finding list -----------------------------------------------------------------
  function list() {
    var pane = document.getElementById('list-pane');
    var ol = el('ol', { id: 'findings' });
    S.findings.forEach(function (x, g) {
      var a = el('a', { href: '#f-' + g, 'data-g': String(g) }, [
        el('span', { cls: 'code', text: x.rule }), ' ',
        el('span', { cls: 'badge ' + x.severity, text: T.level[x.severity] || x.severity }), ' ',
        x.message,
        el('span', { cls: 'where', text: x.file + ':' + x.line + ':' + x.column })
      ]);
      a.addEventListener('click', function (ev) {
        ev.preventDefault();
        go(g, true);
      });
      var li = el('li', { id: 'li-' + g, cls: x.severity, 'data-g': String(g), tabindex: '-1' }, [a]);
      items.push(li);
      ol.appendChild(li);
    });
    pane.appendChild(el('h2', { text: T.listTitle + ' (' + num(S.findings.length) + ')' }));
    pane.appendChild(el('p', { cls: 'empty', id: 'no-match', text: T.noMatch, hidden: 'hidden' }));
    if (!S.findings.length) pane.appendChild(el('p', { cls: 'empty', text: T.none }));
    pane.appendChild(ol);
  }

  // ---- Documents, rendered when they come into view -------------------------------------
  var observer = null;
  function docs() {
    var main = document.getElementById('docs');
    if ('IntersectionObserver' in window) {
      observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (en) {
          if (!en.isIntersecting) return;
          var d = Number(en.target.getAttribute('data-d'));
          observer.unobserve(en.target);
          whenLoaded(d, function () { render(d); });
        });
      }, { rootMargin: '800px 0px' });
    }
    S.files.forEach(function (x, d) {
      var own = x.findings + (touches[d] || []).filter(function (t) { return t[1]; }).length;
      var stats = T.figuresOf(num(x.figures)) + ' · ' + num(x.checked) + '/' + count(x.relations, 'relations') + ' ' + T.checked + ' · ' + count(own, 'findings');
      // Room for the text before it is rendered, so scrolling does not jump much.
      var rows = Math.max(x.lines, Math.ceil(x.chars / 95)) + Math.ceil(x.lines / 3);
      var body = el('div', { cls: 'text pending', 'data-d': String(d), style: 'min-height:' + Math.min(rows * 26, 2000000) + 'px', text: T.loading });
      var sec = el('section', { cls: 'doc', id: 'doc-' + d, 'data-d': String(d) }, [el('h2', { text: x.file }), el('p', { cls: 'stats', text: stats }), body]);
      sections.push(sec);
      main.appendChild(sec);
      if (observer) observer.observe(body);
    });
    if (!observer) S.files.slice(0, 3).forEach(function (x, d) { whenLoaded(d, function () { render(d); }); });
  }

  function render(d) {
    if (marksEl[d] || !loaded(d)) return;
    var m = model(d);
    var sec = sections[d];
    var body = sec.querySelector('.text');
    if (observer) observer.unobserve(body);
    var els = m.marks.map(function () { return []; });
    var frag = document.createDocumentFragment();
    m.parts.forEach(function (p) {
      if (typeof p === 'string') { frag.appendChild(document.createTextNode(p)); return; }
      // The mark that owns a click: the innermost one that carries a finding, else the innermost.
      var owner = p.m[0];
      for (var i = 0; i < p.m.length; i++) if (m.marks[p.m[i]].gf.length) { owner = p.m[i]; break; }
      var span = el('span', { cls: 'mk s-' + worst(p.m.map(function (i) { return m.marks[i].status; })), 'data-m': String(owner) });
      span.textContent = p.t;
      p.m.forEach(function (i) {
        if (!els[i].length) {
          var mk = m.marks[i];
          if (i === owner) {
            span.id = 'd' + d + '-m' + i;
            span.tabIndex = 0;
            span.title = T.status[mk.status] || mk.status;
          }
          if (mk.gf.length && i === owner) span.setAttribute('data-f', mk.gf.join(' '));
        }
        els[i].push(span);
      });
      frag.appendChild(span);
    });
    // Each finding also as a note after its place: shown when the page is printed.
    m.marks.forEach(function (mk, i) {
      if (!mk.gf.length || !els[i].length) return;
      var last = els[i][els[i].length - 1];
      var after = last;
      mk.gf.forEach(function (g) {
        var x = S.findings[g];
        var note = el('span', { cls: 'note ' + x.severity, 'data-g': String(g), text: '[' + x.rule + '] ' + x.message });
        after.parentNode.insertBefore(note, after.nextSibling);
        after = note;
      });
    });
    body.textContent = '';
    body.appendChild(frag);
    body.classList.remove('pending');
    body.style.minHeight = '';
    marksEl[d] = els;
    dimFiltered(d);
  }

  // ---- Selection: a mark, its relations and findings ------------------------------------
  function markOf(d, m) { return (marksEl[d] && marksEl[d][m]) || []; }

  function light(d, m, cls) {
    markOf(d, m).forEach(function (e) { e.classList.add(cls); lit.push([e, cls]); });
  }

  function select(d, m, from) {
    render(d);
    lit.forEach(function (p) { p[0].classList.remove(p[1]); });
    lit = [];
    selected = { d: d, m: m };
    var mod = model(d);
    var mk = mod.marks[m];
    (mk.relations || []).forEach(function (r) {
      var rel = mod.relations[r];
      light(d, rel.result_mark, 'result');
      rel.operand_marks.forEach(function (o) { light(d, o, 'operand'); });
      rel.alternative_marks.forEach(function (alt) { alt.forEach(function (o) { light(d, o, 'alt'); }); });
    });
    mk.gf.forEach(function (g) { operands(g).forEach(function (o) { if (o.d === d && operandMark(o) >= 0) light(d, o.m, 'operand'); }); });
    light(d, m, 'sel');
    if (mk.gf.length && from !== 'list') mark(mk.gf[0], false);
    detail(d, m);
  }

  function mark(g, scroll) {
    if (current >= 0 && items[current]) { items[current].classList.remove('cur'); items[current].removeAttribute('aria-current'); }
    current = g;
    items[g].classList.add('cur');
    items[g].setAttribute('aria-current', 'true');
    if (scroll && !items[g].hidden) items[g].scrollIntoView({ block: 'nearest' });
  }

  function reveal(d, m, focus) {
    var e = markOf(d, m)[0];
    if (!e) return;
    e.scrollIntoView({ block: 'center' });
    e.classList.remove('flash');
    void e.offsetWidth;
    e.classList.add('flash');
    if (focus) e.focus({ preventScroll: true });
  }

  // Goes to a finding: its document shown, its place selected, in view and focused.
  function go(g, fromList) {
    var x = S.findings[g];
    if (!x) return;
    if (!loaded(x.doc)) { whenLoaded(x.doc, function () { go(g, fromList); }); return; }
    if (sections[x.doc].hidden) { clearFilters(); setFilter('file', String(x.doc)); }
    render(x.doc);
    var at = x.series ? markAt(model(x.doc), x.line, x.column) : model(x.doc).findings[x.index].mark;
    mark(g, !fromList);
    if (at < 0) return;
    select(x.doc, at, 'list');
    reveal(x.doc, at, true);
    if (location.hash !== '#f-' + g) history.replaceState(null, '', '#f-' + g);
  }

  function step(dir) {
    if (!visible.length) return;
    var at = visible.indexOf(current);
    var next = at < 0 ? (dir > 0 ? 0 : visible.length - 1) : (at + dir + visible.length) % visible.length;
    go(visible[next], false);
  }

  function figButton(d, m) {
    var mk = model(d).marks[m];
    return el('button', { type: 'button', cls: 'figref', 'data-m': String(m), title: T.line + ' ' + mk.line + ', ' + T.column + ' ' + mk.column,
      onclick: function () { reveal(d, m, false); } }, [mk.text + ' (' + mk.line + ':' + mk.column + ')']);
  }

  function detail(d, m) {
    var pane = document.getElementById('detail');
    var mod = model(d);
    var mk = mod.marks[m];
    var body = el('div', { cls: 'body' });
    body.appendChild(el('h3', null, [mk.text + ' ', el('span', { cls: 'badge ' + mk.status, text: T.status[mk.status] || mk.status })]));
    var rows = [[T.where, mod.file + ':' + mk.line + ':' + mk.column]];
    if (mk.figure) {
      var f = mk.figure;
      var c = mod.claims[f.claim] || {};
      rows.push([T.indicator, c.indicator || '—']);
      rows.push([T.roleLabel, (T.role[f.role] || f.role) + ' · ' + (T.part[c.part] || c.part)]);
      rows.push([T.value, f.value + (f.unit ? ' ' + f.unit : '')]);
      if (c.section) rows.push([T.section, c.section]);
    }
    body.appendChild(el('dl', null, rows.reduce(function (a, r) { return a.concat([el('dt', { text: r[0] }), el('dd', { text: r[1] })]); }, [])));
    // An operand in this document is a button to it; one in another report, a link there.
    var opButton = function (o) {
      if (o.d === d) return operandMark(o) >= 0 ? figButton(d, o.m) : null;
      return el('button', { type: 'button', cls: 'figref other', onclick: function () { goTo(o.d, o.line, o.column); } }, [o.text + ' (' + S.files[o.d].file + ':' + o.line + ':' + o.column + ')']);
    };
    mk.gf.forEach(function (g) {
      var x = S.findings[g];
      var ops = operands(g);
      body.appendChild(el('div', { cls: 'card ' + x.severity, 'data-g': String(g) }, [
        el('p', null, [el('b', { text: x.rule + ' ' + x.name }), ' ', el('span', { cls: 'badge ' + x.severity, text: T.level[x.severity] })]),
        el('p', { text: x.message }),
        x.help ? el('p', { cls: 'help', text: x.help }) : null,
        x.computed ? el('p', { text: T.stated + ': ' + (x.stated || '') + ' · ' + T.computed + ': ' + x.computed }) : null,
        ops.length ? el('p', null, [T.operands + ': '].concat(ops.map(opButton))) : null,
        el('p', null, [el('a', { href: '#li-' + g, cls: 'back', onclick: function (ev) { ev.preventDefault(); mark(g, true); items[g].focus({ preventScroll: true }); } }, [T.inList])])
      ]));
    });
    if (mk.gr.length) {
      body.appendChild(el('p', null, [T.operandOf + ': '].concat(mk.gr.map(function (g) {
        return el('a', { href: '#f-' + g, cls: 'linkish', onclick: function (ev) { ev.preventDefault(); go(g, false); } }, [S.findings[g].rule + ' (' + S.findings[g].line + ':' + S.findings[g].column + ') ']);
      }))));
    }
    if (mk.relations) {
      body.appendChild(el('h4', { text: T.relationsOf + ' (' + mk.relations.length + ')' }));
      mk.relations.forEach(function (r) {
        var rel = mod.relations[r];
        var card = el('div', { cls: 'card ' + rel.status }, [
          el('p', null, [el('b', { text: T.kind[rel.kind] || rel.kind }), ' ', el('span', { cls: 'badge ' + rel.status, text: T.relStatus[rel.status] || rel.status })]),
          el('p', null, [T.result + ': ', figButton(d, rel.result_mark)].concat(rel.computed ? [' · ' + T.computed + ': ', el('b', { text: rel.computed })] : [])),
          el('p', null, [T.operands + ': '].concat(rel.operand_marks.map(function (o) { return figButton(d, o); }))),
          rel.alternative_marks.length ? el('p', null, [T.alternatives + ': '].concat(rel.alternative_marks.map(function (alt) {
            return el('span', null, alt.map(function (o) { return figButton(d, o); }).concat([' ']));
          }))) : null,
          rel.exact ? null : el('p', { cls: 'muted', text: T.result + ': ' + T.bound }),
          rel.cues.length ? el('p', { cls: 'muted', text: T.cues + ': ' + rel.cues.join(', ') }) : null,
          el('p', { cls: 'muted', text: T.rules + ': ' + (rel.rules.length ? rel.rules.join(', ') : T.noRule) }),
          rel.why ? el('p', { cls: 'muted', text: T.why + ': ' + rel.why }) : null
        ]);
        body.appendChild(card);
      });
    }
    pane.textContent = '';
    pane.appendChild(el('h2', { text: T.detailTitle }));
    pane.appendChild(body);
  }

  function detailHint() {
    var pane = document.getElementById('detail');
    pane.textContent = '';
    pane.appendChild(el('h2', { text: T.detailTitle }));
    pane.appendChild(el('div', { cls: 'body' }, [el('p', { cls: 'hint', text: T.detailHint })]));
  }

  function unselect() {
    lit.forEach(function (p) { p[0].classList.remove(p[1]); });
    lit = [];
    selected = null;
    detailHint();
  }

  function hit(target) {
    var span = target && target.closest ? target.closest('.mk[data-m]') : null;
    if (!span) return null;
    var sec = span.closest('.doc');
    if (!sec || !sec.parentNode || sec.parentNode.id !== 'docs') return null;
    return { d: Number(sec.getAttribute('data-d')), m: Number(span.getAttribute('data-m')) };
  }

  function events() {
    var main = document.getElementById('docs');
    main.addEventListener('click', function (ev) {
      var h = hit(ev.target);
      if (h) select(h.d, h.m);
    });
    main.addEventListener('focusin', function (ev) {
      var h = hit(ev.target);
      if (h && !(selected && selected.d === h.d && selected.m === h.m)) select(h.d, h.m);
    });
    document.addEventListener('keydown', function (ev) {
      if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
      var tag = ev.target && ev.target.tagName;
      var typing = tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA';
      if (ev.key === 'Escape') {
        if (typing) ev.target.blur();
        unselect();
        return;
      }
      if (typing) return;
      var k = ev.key.toLowerCase();
      if (k === 'j' || k === 'n') { ev.preventDefault(); step(1); }
      else if (k === 'k' || k === 'p') { ev.preventDefault(); step(-1); }
      else if (ev.key === '/') { ev.preventDefault(); controls.q.focus(); }
      else if (ev.key === 'Enter' && ev.target.classList && ev.target.classList.contains('mk')) {
        var h = hit(ev.target);
        if (h) select(h.d, h.m);
      }
    });
    window.addEventListener('hashchange', fromHash);
    // Printing shows every document that the filters leave, with its findings inline.
    window.addEventListener('beforeprint', function () {
      S.files.forEach(function (x, d) { if (!sections[d].hidden) render(d); });
    });
    var bar = document.getElementById('toolbar');
    // The panes stick below the toolbar, whose height changes with its contents and the width.
    var measure = function () { document.documentElement.style.setProperty('--bar', bar.offsetHeight + 'px'); };
    if ('ResizeObserver' in window) new ResizeObserver(measure).observe(bar);
    else window.addEventListener('resize', measure);
    measure();
  }

  function fromHash() {
    var h = location.hash;
    var g;
    if (/^#f-\d+$/.test(h)) { g = Number(h.slice(3)); if (S.findings[g]) go(g, false); }
    else if (/^#li-\d+$/.test(h)) { g = Number(h.slice(4)); if (items[g]) { mark(g, true); items[g].focus({ preventScroll: true }); } }
  }

  document.title = T.title;
  header();
  toolbar();
  list();
  docs();
  detailHint();
  events();
  applyFilter();
  fromHash();
  document.documentElement.setAttribute('data-ready', '1');
})();
