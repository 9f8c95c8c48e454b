/**
 * The browser companion's own code, as the person's browser runs it on instagram.com (plain ES2020, no
 * build step, so what is served is what anyone can read). It is kept as text here, not compiled, because
 * it runs in the person's page, not in Tend; script.ts wraps it with its options.
 *
 * What it does, read-only, in the person's own logged-in session (docs/FORMATS.md, "Instagram web app"):
 * 1. pages the accounts they follow through the web app's friendships endpoint, one request a page;
 * 2. looks up full profiles (web_profile_info) one at a time, the accounts Tend asked for first (the
 *    export left them undecided, most suspicious first), waiting a random 15–20 s between lookups, at
 *    most a daily budget of lookups;
 * 3. stops at the first sign Instagram wants it to slow down (401 "Please wait a few minutes", 429, a
 *    redirect to the login page, checkpoint_required, feedback_required), says when to run it again,
 *    and carries on from where it stopped (its progress is kept in this browser's localStorage);
 * 4. offers the profiles as a Tend snapshot (.jsonl) to download and give to `tend` or `/audit`.
 * It never follows, unfollows, likes or writes anything, and sends nothing anywhere but instagram.com.
 */
export const COMPANION_BODY = String.raw`
'use strict';
var O = OPTIONS;
var KEY = O.storageKey;
var HOUR = 3600000;
var api = (O.origin || location.origin) + '/api/v1';
var headers = { 'X-IG-App-ID': O.appId, 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' };

function load() {
  try {
    var s = JSON.parse(localStorage.getItem(KEY) || 'null');
    if (s && s.version === 1) return s;
  } catch (e) {}
  return {
    version: 1, viewer: null, listedAt: null, nextMaxId: null, listDone: false,
    following: {}, pkOf: {}, queue: null, done: {}, lines: [], downloaded: 0, day: null, used: 0,
    pausedUntil: 0, pauseReason: null
  };
}
var state = load();
var FULL = 'the browser\'s storage for the companion is full: press Download snapshot, then Start; it carries on, and Tend reads every snapshot you give it';
function save() {
  try { localStorage.setItem(KEY, JSON.stringify(state)); }
  catch (e) { throw new Error(FULL); }
}
/** Lookups already downloaded leave the browser's storage once it holds many; the download has them. */
function roomForMore() {
  if (state.lines.length < O.maxKeptLines) return true;
  if (state.downloaded > 0) {
    state.lines = state.lines.slice(state.downloaded);
    state.downloaded = 0;
    save();
    return state.lines.length < O.maxKeptLines;
  }
  return false;
}

// —— the panel: progress in words, and the buttons ——
var panel = document.getElementById('tend-companion');
if (panel) panel.remove();
panel = document.createElement('div');
panel.id = 'tend-companion';
panel.setAttribute('style', 'position:fixed;z-index:2147483647;right:16px;bottom:16px;width:340px;padding:12px;' +
  'background:#fff;color:#111;border:2px solid #2d6a4f;border-radius:8px;font:14px/1.4 sans-serif;box-shadow:0 2px 12px #0004');
var title = document.createElement('strong');
title.textContent = 'Tend companion (read-only)';
var status = document.createElement('p');
status.id = 'tend-status';
status.setAttribute('style', 'margin:8px 0');
var counts = document.createElement('p');
counts.id = 'tend-counts';
counts.setAttribute('style', 'margin:8px 0;color:#444');
function button(id, label) {
  var b = document.createElement('button');
  b.id = id; b.type = 'button'; b.textContent = label;
  b.setAttribute('style', 'margin-right:6px');
  return b;
}
var startButton = button('tend-start', 'Start');
var stopButton = button('tend-stop', 'Stop');
var downloadButton = button('tend-download', 'Download snapshot');
panel.append(title, status, counts, startButton, stopButton, downloadButton);
document.body.appendChild(panel);

function say(text) { status.textContent = text; }
function timeOf(ms) { return new Date(ms).toLocaleString(); }
function today() { return new Date().toISOString().slice(0, 10); }
function usedToday() { return state.day === today() ? state.used : 0; }
function showCounts() {
  var listed = Object.keys(state.following).length;
  var queue = state.queue || [];
  var left = queue.filter(function (u) { return !state.done[u]; }).length;
  counts.textContent = 'Following listed: ' + listed + (state.listDone ? '' : ' so far') +
    '. Profiles looked up: ' + Object.keys(state.done).length + ', ' + left + ' to go. Today: ' +
    usedToday() + ' of ' + O.dailyBudget + '.';
}

// —— talking to Instagram, read-only; every answer is checked for a throttle first ——
function Throttle(reason, pauseMs) { this.reason = reason; this.pauseMs = pauseMs; }

async function getJson(url) {
  var response = await fetch(url, { credentials: 'include', headers: headers });
  var where = response.url || '';
  if (/\/accounts\/login/.test(where)) throw new Throttle('Instagram sent this page to its login page: log in on instagram.com, then run the companion again', 0);
  if (/\/challenge\//.test(where)) throw new Throttle('Instagram wants you to confirm it is you (checkpoint): open instagram.com, complete its check, and wait a day before running the companion again', 24 * HOUR);
  var text = await response.text();
  var body = null;
  try { body = JSON.parse(text); } catch (e) {}
  var message = body && typeof body.message === 'string' ? body.message : '';
  if (message === 'checkpoint_required' || message === 'challenge_required' || (body && body.checkpoint_url))
    throw new Throttle('Instagram wants you to confirm it is you (checkpoint_required): open instagram.com, complete its check, and wait a day before running the companion again', 24 * HOUR);
  if (message === 'feedback_required' || (body && body.spam))
    throw new Throttle('Instagram has limited this account for a while (feedback_required): wait a day before running the companion again', 24 * HOUR);
  if (response.status === 429) throw new Throttle('Instagram asked to slow down (429 Too Many Requests)', O.cooldownMs);
  if (response.status === 401 || /wait a few minutes/i.test(message))
    throw new Throttle('Instagram asked to slow down ("' + (message || 'Please wait a few minutes before you try again') + '")', O.cooldownMs);
  if (response.status === 404) return { status: 404, body: body };
  if (!response.ok || body === null)
    throw new Throttle('Instagram answered in a way the companion does not know (HTTP ' + response.status + '): it stopped to be safe', O.cooldownMs);
  if (body.require_login) throw new Throttle('Instagram wants you to log in again: log in on instagram.com, then run the companion again', 0);
  return { status: response.status, body: body };
}

function sleep(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }
function jitter(min, max) { return min + Math.floor(Math.random() * Math.max(0, max - min)); }
function cookie(name) {
  var m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
  return m ? decodeURIComponent(m[1]) : null;
}
function line(record) { state.lines.push(record); }

// —— 1. the following list, a page at a time ——
async function listFollowing() {
  if (state.listDone && state.listedAt && Date.now() - state.listedAt < O.relistAfterMs) return;
  if (state.listDone) { state.listDone = false; state.nextMaxId = null; }
  while (!state.listDone) {
    var url = api + '/friendships/' + encodeURIComponent(state.viewer) + '/following/?count=' + O.pageSize +
      (state.nextMaxId ? '&max_id=' + encodeURIComponent(state.nextMaxId) : '');
    var page = (await getJson(url)).body;
    var users = Array.isArray(page.users) ? page.users : [];
    var at = new Date().toISOString();
    users.forEach(function (u) {
      if (!u || typeof u.username !== 'string') return;
      var pk = String(u.pk_id || u.pk || '');
      var before = pk && state.pkOf[pk];
      var formerly = [];
      if (before && before !== u.username) {
        var old = state.following[before];
        formerly = ((old && old.formerly) || []).concat([before]);
        delete state.following[before];
      } else if (state.following[u.username] && state.following[u.username].formerly) {
        formerly = state.following[u.username].formerly;
      }
      if (pk) state.pkOf[pk] = u.username;
      state.following[u.username] = {
        username: u.username, pk: pk || null, fetched_at: at, from: 'following',
        fields: {
          full_name: u.full_name || '', is_private: !!u.is_private, is_verified: !!u.is_verified,
          has_anonymous_profile_picture: !!u.has_anonymous_profile_picture,
          latest_reel_media: typeof u.latest_reel_media === 'number' ? u.latest_reel_media : null
        },
        formerly: formerly.length ? formerly : undefined
      };
    });
    state.nextMaxId = page.next_max_id ? String(page.next_max_id) : null;
    if (!state.nextMaxId || users.length === 0) { state.listDone = true; state.listedAt = Date.now(); state.queue = null; }
    save();
    say('Reading the accounts you follow: ' + Object.keys(state.following).length + ' so far…');
    showCounts();
    if (!state.listDone) await sleep(jitter(O.pageDelayMs[0], O.pageDelayMs[1]));
  }
}

// —— 2. which profiles to look up, in which order ——
function suspicion(f) {
  var x = f.fields, s = 0;
  if (x.has_anonymous_profile_picture) s += 2;
  if (!x.latest_reel_media) s += 1;
  if (/\d{5,}/.test(f.username)) s += 1;
  if (x.is_verified) s -= 3;
  return s;
}
function plan() {
  if (state.queue) return state.queue;
  var skip = {};
  O.skip.forEach(function (u) { skip[u.toLowerCase()] = true; });
  var seen = {};
  var queue = [];
  function add(u) {
    var k = u.toLowerCase();
    if (seen[k] || skip[k]) return;
    seen[k] = true;
    queue.push(u);
  }
  O.priority.forEach(add);
  if (O.lookupOthers) {
    Object.keys(state.following).map(function (u) { return state.following[u]; })
      .sort(function (a, b) { return suspicion(b) - suspicion(a) || (a.username < b.username ? -1 : 1); })
      .forEach(function (f) { add(f.username); });
  }
  state.queue = queue;
  save();
  return queue;
}

function postsOf(user) {
  var edges = (user.edge_owner_to_timeline_media && user.edge_owner_to_timeline_media.edges) || [];
  return edges.slice(0, 12).map(function (e) {
    var n = e.node || {};
    var caption = (((n.edge_media_to_caption || {}).edges || [])[0] || {}).node;
    return {
      taken_at: typeof n.taken_at_timestamp === 'number' ? n.taken_at_timestamp : null,
      caption: caption && typeof caption.text === 'string' ? caption.text.slice(0, O.captionChars) : '',
      pinned: Array.isArray(n.pinned_for_users) && n.pinned_for_users.length > 0
    };
  });
}
function count(edge) { return edge && typeof edge.count === 'number' ? edge.count : null; }

// —— 3. one profile ——
async function lookUp(username) {
  var answer = await getJson(api + '/users/web_profile_info/?username=' + encodeURIComponent(username));
  var user = answer.body && answer.body.data ? answer.body.data.user : null;
  var at = new Date().toISOString();
  var listed = state.following[username];
  if (answer.status === 404 || !user) {
    // The pk this username had when last seen, so Tend can tell a rename (same pk, new name) from a gone account.
    var renamed = Object.keys(state.following).map(function (u) { return state.following[u]; })
      .filter(function (f) { return (f.formerly || []).indexOf(username) >= 0; })[0];
    var lastPk = null;
    state.lines.forEach(function (l) { if (l.username === username && l.pk) lastPk = l.pk; });
    var known = (renamed && renamed.pk) || (listed && listed.pk) || lastPk || null;
    line({ username: username, pk: known, fetched_at: at, not_found: true });
    return;
  }
  var pk = String(user.id || user.pk || '');
  if (pk) state.pkOf[pk] = user.username || username;
  line({
    username: user.username || username, pk: pk || null, fetched_at: at, from: 'profile',
    fields: {
      full_name: user.full_name || '',
      biography: user.biography || '',
      external_url: user.external_url || null,
      bio_links: (user.bio_links || []).map(function (l) { return l && l.url; }).filter(Boolean),
      follower_count: count(user.edge_followed_by),
      following_count: count(user.edge_follow),
      media_count: count(user.edge_owner_to_timeline_media),
      is_private: !!user.is_private,
      is_verified: !!user.is_verified,
      is_business_account: !!user.is_business_account,
      category_name: user.category_name || user.business_category_name || null,
      has_anonymous_profile_picture: listed ? listed.fields.has_anonymous_profile_picture : null,
      latest_reel_media: listed ? listed.fields.latest_reel_media : null,
      posts: postsOf(user)
    }
  });
}

// —— the run ——
var running = false;
var stopRequested = false;
function pause(t) {
  state.pausedUntil = Date.now() + t.pauseMs;
  state.pauseReason = t.reason;
  save();
  say('Stopped: ' + t.reason + '. ' + (t.pauseMs > 0 ? 'Run it again after ' + timeOf(state.pausedUntil) : 'Run it again when you have logged in') +
    '; it carries on where it stopped. Download what it has so far meanwhile.');
}

async function run() {
  if (running) return;
  if (state.pausedUntil > Date.now()) {
    say('Paused until ' + timeOf(state.pausedUntil) + ': ' + state.pauseReason + '. Run it again then; it carries on where it stopped.');
    return;
  }
  running = true; stopRequested = false;
  try {
    state.viewer = cookie('ds_user_id') || state.viewer;
    if (!state.viewer) { say('Log in on instagram.com first, then run the companion on an instagram.com page.'); return; }
    state.pausedUntil = 0; state.pauseReason = null;
    await listFollowing();
    var queue = plan();
    if (state.day !== today()) { state.day = today(); state.used = 0; save(); }
    for (var i = 0; i < queue.length; i++) {
      var username = queue[i];
      if (state.done[username]) continue;
      if (stopRequested) { say('Stopped. Press Start to carry on from @' + username + '.'); return; }
      if (usedToday() >= O.dailyBudget) {
        say('Today\'s budget of ' + O.dailyBudget + ' lookups is spent. Run it again tomorrow; it carries on from @' + username + '. Download what it has so far meanwhile.');
        return;
      }
      if (!roomForMore()) { say('Stopped: ' + FULL + '.'); return; }
      say('Looking up @' + username + '…');
      await lookUp(username);
      state.done[username] = true;
      state.used = usedToday() + 1; state.day = today();
      save();
      showCounts();
      if (queue.slice(i + 1).some(function (u) { return !state.done[u]; })) await sleep(jitter(O.delayMs[0], O.delayMs[1]));
    }
    say('Done: every profile asked for is looked up. Download the snapshot and give it to Tend beside your export.');
  } catch (e) {
    if (e instanceof Throttle) pause(e);
    else { say('Stopped on an error: ' + (e && e.message ? e.message : String(e)) + '. Nothing was changed on Instagram.'); }
  } finally {
    running = false;
    showCounts();
  }
}

// —— 4. the snapshot: a header, the following list, then each lookup in the order made ——
function snapshot() {
  var at = new Date().toISOString();
  var out = [JSON.stringify({ tend: 'profiles', version: 1, platform: 'instagram', fetchedAt: at })];
  Object.keys(state.following).forEach(function (u) { out.push(JSON.stringify(state.following[u])); });
  state.lines.forEach(function (l) { out.push(JSON.stringify(l)); });
  return out.join('\n') + '\n';
}
function download() {
  var blob = new Blob([snapshot()], { type: 'application/x-ndjson' });
  var a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'tend-instagram-profiles-' + today() + '.jsonl';
  state.downloaded = state.lines.length;
  save();
  document.body.appendChild(a);
  a.click();
  setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

startButton.addEventListener('click', function () { run(); });
stopButton.addEventListener('click', function () { stopRequested = true; say('Stopping after this lookup…'); });
downloadButton.addEventListener('click', download);
window.tendCompanion = { run: run, snapshot: snapshot, state: function () { return state; } };
say(state.pausedUntil > Date.now()
  ? 'Paused until ' + timeOf(state.pausedUntil) + ': ' + state.pauseReason + '.'
  : 'Press Start to read the accounts you follow and look up profiles, one every ' +
    Math.round(O.delayMs[0] / 1000) + '–' + Math.round(O.delayMs[1] / 1000) + ' s, at most ' + O.dailyBudget + ' a day.');
showCounts();
if (O.autoStart) run();
`;
