/*
 * Runs before the task pane's bundle, in plain ES5: Office versions that host add-ins in Internet Explorer 11
 * ("Trident") or Microsoft Edge Legacy ("EdgeHTML") cannot run Tariefwijzer, whose bundle is modern JavaScript,
 * and would hang on "wordt geladen". Microsoft recommends detecting these webviews by navigator.userAgent and
 * showing a graceful message: https://learn.microsoft.com/office/dev/add-ins/develop/support-ie-11
 * ("Support older Microsoft webviews and Office versions": "Trident" for IE, "Edge/" for EdgeHTML).
 */
(function () {
  var agent = window.navigator.userAgent;
  if (agent.indexOf('Trident') === -1 && agent.indexOf('Edge/') === -1) return;
  window.tariefwijzerLegacyWebview = true;
  var root = document.getElementById('root');
  if (!root) return;
  root.innerHTML = '';
  var box = document.createElement('div');
  box.setAttribute('role', 'alert');
  box.style.fontFamily = 'Segoe UI, sans-serif';
  box.style.padding = '12px';
  var title = document.createElement('h1');
  title.style.fontSize = '16px';
  title.appendChild(document.createTextNode('Tariefwijzer werkt niet in deze versie van Office'));
  var text = document.createElement('p');
  text.appendChild(
    document.createTextNode(
      'Deze Office-versie toont invoegtoepassingen met Internet Explorer of de oude Microsoft Edge. Gebruik Excel van Microsoft 365 (of Office 2021 en nieuwer) op Windows of Mac, of Excel op het web. Er is niets in uw werkmap gewijzigd.',
    ),
  );
  box.appendChild(title);
  box.appendChild(text);
  root.appendChild(box);
})();
