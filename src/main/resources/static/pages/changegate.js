// Tells the server the browser's time zone (cookie changegate_tz), so times show in the viewer's zone.
(function () {
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone) { return; }
  var current = document.cookie.split('; ').filter(function (c) { return c.indexOf('changegate_tz=') === 0; })[0];
  if (current !== 'changegate_tz=' + encodeURIComponent(zone)) {
    document.cookie = 'changegate_tz=' + encodeURIComponent(zone) + '; path=/; SameSite=Lax; max-age=31536000';
    if (!sessionStorage.getItem('changegate_tz_reloaded') && document.querySelector('time')) {
      sessionStorage.setItem('changegate_tz_reloaded', '1');
      location.reload();
    }
  }
  var summary = document.getElementById('error-summary');
  if (summary) { summary.focus(); }
})();
