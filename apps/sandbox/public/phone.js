// Sandbox "phone": pick platform → corp (tabs, demo first) → person → 打开 hrlink (issues a real auth code, then opens the H5 app).
(function () {
  'use strict';
  var API = '/__sandbox/api';
  var NAMES = { dingtalk: '钉钉', wecom: '企业微信', feishu: '飞书' };
  var MAX_SHOWN = 200;
  var state = { platform: null, corps: [], corp: null, person: null };

  function $(id) { return document.getElementById(id); }
  function show(step) {
    ['platform', 'person', 'workbench'].forEach(function (s) { $('step-' + s).hidden = s !== step; });
  }
  function el(tag, attrs, children) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') n.textContent = attrs[k]; else n.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { n.appendChild(c); });
    return n;
  }
  function loadCorps() {
    return fetch(API + '/corps?peopleLimit=2000').then(function (r) { return r.json(); }).then(function (corps) {
      state.corps = corps;
    });
  }

  // Corp tabs above the people list; the first corp (demo) is chosen by default.
  function renderCorps() {
    var list = $('corp-list');
    list.innerHTML = '';
    state.corps.forEach(function (c) {
      var b = el('button', { type: 'button', role: 'tab', class: 'corp' + (state.corp && state.corp.key === c.key ? ' active' : ''),
        'data-testid': 'corp-' + c.key, 'data-corp': c.key, 'aria-selected': String(!!state.corp && state.corp.key === c.key) }, [
        el('span', { text: c.name }),
        el('span', { class: 'sub', text: c.peopleCount + ' 人' }),
      ]);
      b.addEventListener('click', function () { state.corp = c; $('person-filter').value = ''; renderCorps(); renderPeople(''); });
      list.appendChild(b);
    });
  }

  function renderPeople(filter) {
    var list = $('person-list');
    list.innerHTML = '';
    $('person-title').textContent = NAMES[state.platform] + ' · 选择企业和员工';
    var f = (filter || '').trim();
    var people = state.corp.people.filter(function (p) {
      return !f || p.name.indexOf(f) >= 0 || p.employeeNo.indexOf(f) >= 0 || p.department.indexOf(f) >= 0;
    });
    people.slice(0, MAX_SHOWN).forEach(function (p) {
      var b = el('button', { type: 'button', 'data-testid': 'person-' + p.employeeNo, 'data-employee-no': p.employeeNo }, [
        el('span', { text: p.name + '（' + p.employeeNo + '）' }),
        el('span', { class: 'sub', text: p.department + ' · ' + p.title }),
      ]);
      b.addEventListener('click', function () { state.person = p; renderWorkbench(); show('workbench'); });
      list.appendChild(el('li', {}, [b]));
    });
    if (people.length > MAX_SHOWN) list.appendChild(el('li', { class: 'more', text: '还有 ' + (people.length - MAX_SHOWN) + ' 人，请搜索' }));
  }

  function renderWorkbench() {
    var p = state.person;
    $('me-avatar').textContent = p.name.slice(-2);
    $('me-name').textContent = p.name;
    $('me-sub').textContent = NAMES[state.platform] + ' · ' + state.corp.name + ' · ' + p.department + ' · ' + p.title;
    $('open-error').hidden = true;
    window.hrlinkInbox.start({ platform: state.platform, corp: state.corp.key, employeeNo: p.employeeNo });
  }

  function openApp() {
    var btn = $('open-app');
    btn.disabled = true;
    fetch(API + '/auth-codes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ platform: state.platform, corp: state.corp.key, employeeNo: state.person.employeeNo }),
    })
      .then(function (r) { return r.json().then(function (b) { if (!r.ok) throw new Error(b.message || r.status); return b; }); })
      .then(function (b) { window.location.href = b.launchUrl; })
      .catch(function (e) {
        var err = $('open-error');
        err.textContent = '打开失败：' + e.message;
        err.hidden = false;
      })
      .then(function () { btn.disabled = false; });
  }

  document.querySelectorAll('[data-platform]').forEach(function (b) {
    b.addEventListener('click', function () {
      state.platform = b.getAttribute('data-platform');
      loadCorps().then(function () {
        var keep = state.corp && state.corps.filter(function (c) { return c.key === state.corp.key; })[0];
        state.corp = keep || state.corps[0];
        renderCorps();
        renderPeople($('person-filter').value);
        show('person');
      });
    });
  });
  document.querySelectorAll('[data-back]').forEach(function (b) {
    b.addEventListener('click', function () { window.hrlinkInbox.stop(); show(b.getAttribute('data-back')); });
  });
  $('person-filter').addEventListener('input', function (e) { renderPeople(e.target.value); });
  $('open-app').addEventListener('click', openApp);
  var now = new Date();
  $('clock').textContent = ('0' + now.getHours()).slice(-2) + ':' + ('0' + now.getMinutes()).slice(-2);
})();
