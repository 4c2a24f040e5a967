/*
 * Territoires d'industrie assistant: embeddable web chat.
 *
 *   <div id="ti-assistant"></div>
 *   <script src="https://ASSISTANT-HOST/embed.js" data-territory="ti-8412" data-wave="2023"
 *           data-lang="fr" data-accent="#000091" defer></script>
 *
 * Options (all optional): data-target (id of the container, default "ti-assistant"),
 * data-territory, data-wave, data-lang ("fr" or "en"), data-accent (#rgb or #rrggbb),
 * data-height (CSS length for the container, default 520px; "auto" leaves it to the page).
 * Web Chat is loaded from the same origin as this file; nothing comes from a CDN.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src, window.location.href).origin;
  var data = script.dataset || {};

  var STRINGS = {
    fr: {
      region: "Assistant Territoires d'industrie",
      loading: "Chargement de l'assistant…",
      unavailable: "L'assistant est momentanément indisponible. Réessayez dans quelques instants.",
      placeholder: 'Commune, code postal ou SIRET…',
    },
    en: {
      region: "Territoires d'industrie assistant",
      loading: 'Loading the assistant…',
      unavailable: 'The assistant is unavailable at the moment. Please try again shortly.',
      placeholder: 'Town, postal code or SIRET…',
    },
  };

  function pick(name, urlName, pattern) {
    var value = data[name];
    if (data.urlPreset === 'true') {
      var fromUrl = new URLSearchParams(window.location.search).get(urlName);
      if (fromUrl) value = fromUrl;
    }
    return typeof value === 'string' && pattern.test(value) ? value : undefined;
  }

  var lang = pick('lang', 'lang', /^(fr|en)$/) || 'fr';
  var territory = pick('territory', 'territoire', /^[A-Za-z0-9_-]{1,64}$/);
  var waveText = pick('wave', 'vague', /^(19|20)\d\d$/);
  var accent = pick('accent', 'couleur', /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/) || '#000091';
  var height = typeof data.height === 'string' && /^(auto|\d{2,4}(px|rem|em|vh))$/.test(data.height) ? data.height : '520px';
  var text = STRINGS[lang];
  var locale = lang === 'en' ? 'en-US' : 'fr-FR';
  var nonce = script.nonce || script.getAttribute('nonce') || undefined;

  var container = document.getElementById(data.target || 'ti-assistant');
  if (!container) return;
  if (height !== 'auto') container.style.height = height;
  // A visible edge unless the site styles one itself.
  if (window.getComputedStyle(container).borderStyle === 'none') {
    container.style.border = '1px solid #929292';
    container.style.borderRadius = '4px';
    container.style.overflow = 'hidden';
  }
  if (!container.hasAttribute('role')) container.setAttribute('role', 'region');
  if (!container.hasAttribute('aria-label')) container.setAttribute('aria-label', text.region);
  container.setAttribute('lang', lang);

  function status(message, isError) {
    container.textContent = '';
    var p = document.createElement('p');
    p.setAttribute('role', isError ? 'alert' : 'status');
    p.textContent = message;
    p.style.padding = '1rem';
    p.style.margin = '0';
    container.appendChild(p);
  }

  // White or near-black text on the accent, whichever reads better (WCAG relative luminance).
  function textOn(hex) {
    var h = hex.length === 4 ? hex.replace(/([0-9a-fA-F])/g, '$1$1') : hex;
    var rgb = [1, 3, 5].map(function (i) {
      var c = parseInt(h.substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    var l = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#ffffff' : '#161616';
  }

  function loadWebChat() {
    if (window.WebChat) return Promise.resolve();
    var existing = document.querySelector('script[src$="/webchat/webchat.js"]');
    return new Promise(function (resolve, reject) {
      var tag = existing || document.createElement('script');
      tag.addEventListener('load', function () {
        resolve();
      });
      tag.addEventListener('error', function () {
        reject(new Error('webchat.js'));
      });
      if (!existing) {
        tag.src = origin + '/webchat/webchat.js';
        if (nonce) tag.nonce = nonce;
        document.head.appendChild(tag);
      }
    });
  }

  function getJson(url, init) {
    return fetch(url, init).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.json();
    });
  }

  function render(config, token) {
    var join = { locale: locale };
    if (territory) join.territory = territory;
    if (waveText) join.wave = Number(waveText);

    var joined = false;
    var store = window.WebChat.createStore({}, function (api) {
      return function (next) {
        return function (action) {
          var result = next(action);
          if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED' && !joined) {
            joined = true;
            api.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: join } });
          }
          return result;
        };
      };
    });

    var domain = new URL(config.directLineDomain, origin + '/').href.replace(/\/+$/, '');
    var directLine = window.WebChat.createDirectLine({ token: token, domain: domain, webSocket: true });
    var userText = textOn(accent);
    container.textContent = '';
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        store: store,
        locale: locale,
        nonce: nonce,
        overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: text.placeholder },
        styleOptions: {
          accent: accent,
          primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
          bubbleFromUserBackground: accent,
          bubbleFromUserTextColor: userText,
          bubbleFromUserBorderColor: accent,
          bubbleBorderColor: '#929292',
          bubbleMaxWidth: 640,
          bubbleBorderWidth: 1,
          bubbleFromUserBorderWidth: 1,
          sendBoxButtonColor: accent,
          sendBoxButtonColorOnFocus: accent,
          sendBoxButtonColorOnHover: accent,
          suggestedActionBorderColor: accent,
          suggestedActionTextColor: accent,
          hideUploadButton: true,
          sendBoxTextWrap: true,
          rootHeight: '100%',
          rootWidth: '100%',
        },
      },
      container,
    );
    fillContainer(0);
  }

  // Web Chat wraps its root in an unsized element: stretch it so the send box sits at the bottom.
  function fillContainer(attempt) {
    var wrapper = container.firstElementChild;
    if (wrapper && wrapper.tagName === 'DIV') {
      wrapper.style.height = '100%';
      return;
    }
    if (attempt < 100)
      window.requestAnimationFrame(function () {
        fillContainer(attempt + 1);
      });
  }

  status(text.loading, false);
  var configPromise = getJson(origin + '/webchat/config.json', { credentials: 'omit' });
  Promise.all([configPromise, loadWebChat()])
    .then(function (results) {
      var config = results[0];
      if (!config || config.mode === 'unavailable') throw new Error('unavailable');
      return getJson(new URL(config.tokenUrl, origin + '/').href, { method: 'POST', credentials: 'omit' }).then(function (body) {
        render(config, body.token);
      });
    })
    .catch(function () {
      status(text.unavailable, true);
    });
})();
