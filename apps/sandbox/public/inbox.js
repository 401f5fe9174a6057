// Sandbox "phone" inbox: 工作通知 / 待办 of the chosen person, newest first, polled every 2 s.
// Cards show form rows and 同意 / 拒绝 while actionable; tapping a notice opens the H5 app as that person.
(function () {
  'use strict';
  var API = '/__sandbox/api';
  var POLL_MS = 2000;
  var KIND = { oa: '工作通知', action_card: '工作通知', text: '消息', template_card: '卡片消息', interactive: '卡片消息', todo: '待办' };
  var STATE = { actionable: '待处理', pressed: '已提交', updated: '已更新', delivered: '', open: '未完成', done: '已完成' };
  var cur = null;
  var timer = null;
  var lastJson = '';

  function el(tag, attrs, children) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') n.textContent = attrs[k]; else n.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) n.appendChild(c); });
    return n;
  }
  function box() { return document.getElementById('inbox'); }
  function note(text, isError) {
    var n = document.getElementById('inbox-note');
    n.textContent = text;
    n.className = isError ? 'error' : 'hint';
    n.hidden = !text;
  }
  function post(path, body) {
    return fetch(API + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body || {}) })
      .then(function (r) { return r.json().then(function (b) { if (!r.ok) throw new Error(b.message || r.status); return b; }); });
  }
  function time(ms) {
    var d = new Date(ms);
    return ('0' + d.getHours()).slice(-2) + ':' + ('0' + d.getMinutes()).slice(-2);
  }

  function press(item, button) {
    var body = button.key !== undefined ? { key: button.key } : { value: button.value };
    note('正在提交…');
    post('/inbox/' + item.id + '/press', body)
      .then(function (r) { note(r.status >= 200 && r.status < 300 ? '已提交（服务器 ' + r.status + '）' : '服务器拒绝：HTTP ' + r.status, r.status >= 300); refresh(); })
      .catch(function (e) { note('提交失败：' + e.message, true); });
  }
  function open(item) {
    post('/inbox/' + item.id + '/open').then(function (r) { window.location.href = r.launchUrl; })
      .catch(function (e) { note('打开失败：' + e.message, true); });
  }

  function render(items) {
    var b = box();
    b.innerHTML = '';
    b.className = 'inbox';
    if (!items.length) { b.appendChild(el('p', { class: 'empty', 'data-testid': 'inbox-empty', text: '暂无工作通知或待办' })); return; }
    items.forEach(function (it) {
      var status = it.statusText || STATE[it.state] || '';
      var form = el('dl', { class: 'form' }, it.form.map(function (f) {
        return el('div', { class: 'row' }, [el('dt', { text: f.key.replace(/[:：]\s*$/, '') }), el('dd', { text: f.value })]);
      }));
      var body = el('button', { type: 'button', class: 'item-body', 'data-testid': 'inbox-open' }, [
        el('div', { class: 'item-head' }, [
          el('span', { class: 'kind', text: KIND[it.kind] || it.kind }),
          el('span', { class: 'time', text: time(it.createdAt) }),
        ]),
        el('div', { class: 'title', text: it.title }),
        it.form.length ? form : null,
        it.content ? el('div', { class: 'content', text: it.content }) : null,
      ]);
      body.addEventListener('click', function () { open(it); });
      var buttons = el('div', { class: 'buttons' }, it.buttons.filter(function (x) { return x.key !== undefined || x.value !== undefined; }).map(function (x) {
        var id = /同意|通过|批准/.test(x.text) ? 'card-approve' : /拒绝|驳回/.test(x.text) ? 'card-reject' : 'card-button';
        var btn = el('button', { type: 'button', class: 'card-btn ' + id, 'data-testid': id, text: x.text });
        btn.addEventListener('click', function () { btn.disabled = true; press(it, x); });
        return btn;
      }));
      b.appendChild(el('div', { class: 'item state-' + it.state, 'data-testid': 'inbox-item', 'data-item-id': it.id, 'data-state': it.state, 'data-kind': it.kind }, [
        body,
        el('div', { class: 'status', 'data-testid': 'item-status', text: status }),
        it.buttons.length ? buttons : null,
      ]));
    });
  }

  function refresh() {
    if (!cur) return Promise.resolve();
    var q = 'corp=' + encodeURIComponent(cur.corp) + '&platform=' + cur.platform + '&employeeNo=' + encodeURIComponent(cur.employeeNo);
    var mine = cur;
    return fetch(API + '/inbox?' + q).then(function (r) { return r.json(); }).then(function (items) {
      if (mine !== cur) return;
      var json = JSON.stringify(items);
      if (json !== lastJson) { lastJson = json; render(items); }
    }).catch(function () { /* sandbox restarting: try again next tick */ });
  }

  window.hrlinkInbox = {
    start: function (who) {
      cur = who;
      lastJson = '';
      note('');
      box().innerHTML = '';
      refresh();
      clearInterval(timer);
      timer = setInterval(refresh, POLL_MS);
    },
    stop: function () { cur = null; clearInterval(timer); },
    refresh: refresh,
  };
})();
