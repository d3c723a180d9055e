/* Community Press: what the editor at /admin/ needs beyond Decap CMS itself.
 *
 * - the "pelican" format: Pelican's `Key: value` metadata lines, a blank line, then the
 *   Markdown text (what Pelican, the rule book and `make check` read); hand-written and
 *   editor-written files are the same kind of file;
 * - the "captions" format: a gallery's captions.txt (`photo.jpg: caption | alt text`);
 * - the "lang" widget: writes the language of the version being edited (`Lang: en`);
 * - the "rrule" widget: builds an `event-rrule` from a few choices;
 * - the "when" widget: an event's start or end, a day with a time or without (all day);
 * - the site's stylesheet in the preview.
 * Loaded after decap-cms.js by admin/index.html (no inline script: the page's CSP).
 */
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;

  // --- Pelican metadata (the same expressions as plugins/rulebook/frontmatter.py) ---
  var META = /^[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)$/;
  var MORE = /^[ ]{4,}(.*)$/;
  var BEGIN = /^-{3}(\s.*)?$/;
  var END = /^(-{3}|\.{3})(\s.*)?$/;
  // Keys written as lists in the editor, as comma-separated text in the file.
  var LISTS = ["tags", "event-categories", "event-exdate"];
  // Pelican's own keys are written capitalised, as people write them; ours in lower case.
  var CAPITALISED = ["title", "slug", "lang", "date", "modified", "category", "tags",
    "author", "authors", "summary", "status", "template", "translation", "save_as", "url"];
  // How each file spelled its keys, by slug and language, so that saving keeps them.
  var spellings = {};

  function parseMeta(text) {
    var lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
    var data = {};
    var keys = [];
    var index = 0;
    var key = null;
    if (lines.length && BEGIN.test(lines[0])) index = 1;
    for (; index < lines.length; index++) {
      var line = lines[index];
      if (line.trim() === "" || END.test(line)) { index++; break; }
      var head = META.exec(line);
      var more = MORE.exec(line);
      if (head) {
        key = head[1].toLowerCase();
        if (!(key in data)) { data[key] = head[2].trim(); keys.push(head[1]); }
      } else if (more && key !== null) {
        data[key] += "\n" + more[1].trim();
      } else {
        break;
      }
    }
    return { data: data, keys: keys, body: lines.slice(index).join("\n") };
  }

  function splitList(value) {
    return value.split(",").map(function (s) { return s.trim(); }).filter(Boolean);
  }

  function fromFile(text) {
    var parsed = parseMeta(text);
    var data = parsed.data;
    var lists = {};
    LISTS.forEach(function (key) {
      if (key in data) { lists[key] = data[key]; data[key] = splitList(data[key]); }
    });
    if ("order" in data && /^-?\d+$/.test(data.order)) data.order = parseInt(data.order, 10);
    data.body = parsed.body;
    spellings[(data.slug || "") + "|" + (data.lang || "")] = { keys: parsed.keys, lists: lists };
    return data;
  }

  function spelled(key, known) {
    for (var i = 0; i < known.length; i++) {
      if (known[i].toLowerCase() === key) return known[i];
    }
    if (CAPITALISED.indexOf(key) >= 0) return key.charAt(0).toUpperCase() + key.slice(1);
    return key;
  }

  function textOf(value) {
    if (value === null || value === undefined) return "";
    if (Array.isArray(value)) return value.map(textOf).filter(Boolean).join(", ");
    return String(value).trim();
  }

  // A list written as it was read when its items did not change ("a,b" stays "a,b").
  function listText(value, raw) {
    if (raw !== undefined && textOf(splitList(raw)) === textOf(value)) return raw;
    return textOf(value);
  }

  function toFile(data, fieldsOrder) {
    // A translation nobody wrote (no title, no text) is no file: the editor skips an
    // empty result, instead of writing slug.en.md with only the copied fields.
    if (!textOf(data.title) && !textOf(data.body)) return "";
    var read = spellings[(data.slug || "") + "|" + (data.lang || "")] || { keys: [], lists: {} };
    var known = read.keys;
    var order = [];
    known.forEach(function (k) { order.push(k.toLowerCase()); });
    (fieldsOrder || []).forEach(function (k) { if (order.indexOf(k) < 0) order.push(k); });
    Object.keys(data).sort().forEach(function (k) { if (order.indexOf(k) < 0) order.push(k); });
    var lines = [];
    order.forEach(function (key) {
      if (key === "body" || !(key in data)) return;
      var text = Array.isArray(data[key]) ? listText(data[key], read.lists[key]) : textOf(data[key]);
      if (!text) return;
      lines.push(spelled(key, known) + ": " + text.split(/\r?\n/).join("\n    "));
    });
    var body = data.body || "";
    if (body && !/\n$/.test(body)) body += "\n";
    return lines.join("\n") + "\n\n" + body;
  }

  CMS.registerCustomFormat("pelican", "md", { fromFile: fromFile, toFile: toFile });

  // --- captions.txt (plugins/gallery/captions.py) ---
  var NAMED = /^(.*?\.(?:jpe?g|png|webp|avif|gif|tiff?|heic))\s*[:\uFF1A](.*)$/i;
  var BAR = /[|\uFF5C]/;

  CMS.registerCustomFormat("captions", "txt", {
    fromFile: function (text) {
      var photos = [];
      var notes = [];
      text.replace(/^\uFEFF/, "").split(/\r?\n/).forEach(function (raw) {
        var line = raw.trim();
        if (!line) return;
        if (line.charAt(0) === "#") { notes.push(line); return; }
        var named = NAMED.exec(line) || /^([^:\uFF1A]*)[:\uFF1A](.*)$/.exec(line);
        if (!named) return;
        var rest = named[2];
        var bar = rest.search(BAR);
        var caption = bar < 0 ? rest : rest.slice(0, bar);
        var alt = bar < 0 ? "" : rest.slice(bar + 1);
        photos.push({ photo: named[1].trim(), caption: caption.trim(), alt: alt.trim() });
      });
      return { photos: photos, notes: notes };
    },
    toFile: function (data) {
      var lines = (data.notes || []).slice();
      (data.photos || []).forEach(function (item) {
        if (!item || !item.photo) return;
        var name = String(item.photo).split("/").pop();
        var line = name + ": " + textOf(item.caption);
        if (textOf(item.alt)) line += " | " + textOf(item.alt);
        lines.push(line);
      });
      return lines.join("\n") + "\n";
    },
  });

  // --- the language of the version being edited ---
  // Shown, not edited: the `Lang:` line of a new file is written from its name
  // (slug.en.md) when it is saved (see withLanguage below), as the build expects.
  var LangControl = createClass({
    render: function () {
      return h("output", {
        id: this.props.forID, className: this.props.classNameWrapper,
      }, this.props.locale || this.props.value || "");
    },
  });
  CMS.registerWidget("lang", LangControl, function (props) {
    return h("span", {}, props.value || "");
  });

  // --- a gallery's folder name: typed for a new gallery, read from its path otherwise ---
  function folderOf(entry) {
    var path = entry && entry.get ? entry.get("path") : "";
    var parts = String(path || "").split("/");
    return parts.length > 1 && !(entry.get("newRecord")) ? parts[parts.length - 2] : "";
  }
  var FolderControl = createClass({
    // A new gallery needs a valid name (the entry's folder); an existing one has it.
    isValid: function () {
      var value = this.props.value || "";
      if (!this.props.entry.get("newRecord")) return true;
      if (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(value)) return true;
      return { error: { message: "文件夹名：小写字母、数字和 - / Folder name: a-z, 0-9 and -" } };
    },
    render: function () {
      var self = this;
      var folder = folderOf(this.props.entry);
      if (folder) {
        return h("output", { id: this.props.forID, className: this.props.classNameWrapper }, folder);
      }
      return h("input", {
        type: "text", id: this.props.forID, className: this.props.classNameWrapper,
        value: this.props.value || "",
        onChange: function (e) { self.props.onChange(e.target.value); },
        onFocus: this.props.setActiveStyle, onBlur: this.props.setInactiveStyle,
      });
    },
  });
  CMS.registerWidget("folder", FolderControl, function (props) {
    return h("span", {}, props.value || "");
  });

  // --- event-rrule: a few choices that write a valid rule; the text stays editable ---
  var DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
  var DAY_NAMES = ["一 Mo", "二 Tu", "三 We", "四 Th", "五 Fr", "六 Sa", "日 Su"];
  function ruleOf(freq, days, until) {
    if (!freq) return "";
    var parts = ["FREQ=" + freq];
    if (freq === "WEEKLY" && days.length) parts.push("BYDAY=" + days.join(","));
    if (until) parts.push("UNTIL=" + until.replace(/-/g, ""));
    return parts.join(";");
  }
  function parseRule(value) {
    var out = { freq: "", days: [], until: "" };
    String(value || "").split(";").forEach(function (part) {
      var kv = part.split("=");
      if (kv[0] === "FREQ") out.freq = kv[1] || "";
      if (kv[0] === "BYDAY") out.days = (kv[1] || "").split(",").filter(Boolean);
      if (kv[0] === "UNTIL") {
        var d = (kv[1] || "").replace(/^(\d{4})-?(\d{2})-?(\d{2}).*$/, "$1-$2-$3");
        out.until = d;
      }
    });
    return out;
  }
  var RruleControl = createClass({
    update: function (change) {
      var rule = parseRule(this.props.value);
      var next = Object.assign(rule, change);
      this.props.onChange(ruleOf(next.freq, next.days, next.until));
    },
    render: function () {
      var self = this;
      var rule = parseRule(this.props.value);
      var freq = h("select", {
        id: this.props.forID, value: rule.freq, "aria-label": "重复 Repeats",
        onChange: function (e) { self.update({ freq: e.target.value }); },
      }, [["", "不重复 Does not repeat"], ["DAILY", "每天 Daily"], ["WEEKLY", "每周 Weekly"],
        ["MONTHLY", "每月 Monthly"], ["YEARLY", "每年 Yearly"]].map(function (o) {
        return h("option", { key: o[0], value: o[0] }, o[1]);
      }));
      var days = rule.freq === "WEEKLY" ? DAYS.map(function (day, i) {
        return h("label", { key: day, style: { marginRight: "0.75em" } }, [
          h("input", {
            key: "c", type: "checkbox", checked: rule.days.indexOf(day) >= 0,
            onChange: function (e) {
              var chosen = DAYS.filter(function (d) {
                return d === day ? e.target.checked : rule.days.indexOf(d) >= 0;
              });
              self.update({ days: chosen });
            },
          }), " " + DAY_NAMES[i],
        ]);
      }) : null;
      var until = rule.freq ? h("label", {}, ["直到 Until ", h("input", {
        key: "u", type: "date", value: rule.until,
        onChange: function (e) { self.update({ until: e.target.value }); },
      })]) : null;
      var text = h("input", {
        type: "text", value: this.props.value || "", "aria-label": "event-rrule",
        onChange: function (e) { self.props.onChange(e.target.value); },
        style: { width: "100%", marginTop: "0.5em" },
      });
      return h("div", { className: this.props.classNameWrapper }, [
        h("div", { key: "f" }, freq), h("div", { key: "d" }, days),
        h("div", { key: "u" }, until), h("div", { key: "t" }, text),
      ]);
    },
  });
  CMS.registerWidget("rrule", RruleControl, function (props) {
    return h("code", {}, props.value || "");
  });

  // --- event-start / event-end: a day, and a time only if the event has one ---
  // `2030-07-01 19:30`, or `2030-07-05` for an all-day event (the time left empty). What
  // the pickers cannot show (seconds, a zone offset such as +08:00) is kept as written.
  var WHEN = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2})(.*))?$/;
  function whenText(day, time, rest) {
    if (!day) return "";
    return time ? day + " " + time + (rest || "") : day;
  }
  var WhenControl = createClass({
    render: function () {
      var self = this;
      var value = String(this.props.value || "");
      var found = WHEN.exec(value) || ["", "", "", ""];
      var day = found[1], time = found[2] || "", rest = found[3] || "";
      function set(nextDay, nextTime) {
        self.props.onChange(whenText(nextDay, nextTime, nextTime === time ? rest : ""));
      }
      return h("div", { className: this.props.classNameWrapper }, [
        h("input", {
          key: "d", id: this.props.forID, type: "date", value: day, "aria-label": "日期 Day",
          onChange: function (e) { set(e.target.value, time); },
        }),
        " ",
        h("input", {
          key: "t", id: this.props.forID + "-time", type: "time", value: time,
          "aria-label": "时间（全天活动不填）Time (empty: all day)",
          onChange: function (e) { set(day, e.target.value); },
        }),
        h("input", {
          key: "x", type: "text", value: value, "aria-label": "文字 As written",
          onChange: function (e) { self.props.onChange(e.target.value); },
          style: { width: "100%", marginTop: "0.5em" },
        }),
      ]);
    },
  });
  CMS.registerWidget("when", WhenControl, function (props) {
    return h("span", {}, props.value || "");
  });

  // --- an empty translation is not written; every page file says its language ---
  // Decap writes a file for every language of an entry, even one nobody translated: the
  // "pelican" format gives such a translation no text (see toFile), and the backends
  // here leave files with no text out of the commit, and add the Lang line.
  var LOCALE_FILE = /\.([A-Za-z]{2,3}(?:[-_][A-Za-z]+)?)\.md$/;
  // `Lang: en` after the Slug line of slug.en.md, when the metadata has no Lang line.
  function withLanguage(file) {
    var found = LOCALE_FILE.exec(file.path || "");
    var raw = String(file.raw || "");
    if (!found || !raw.trim()) return file;
    var lines = raw.split("\n");
    var end = lines.indexOf("");
    var head = lines.slice(0, end < 0 ? lines.length : end);
    if (head.some(function (line) { return /^\s{0,3}lang\s*:/i.test(line); })) return file;
    var after = head.findIndex(function (line) { return /^\s{0,3}slug\s*:/i.test(line); });
    lines.splice(after < 0 ? head.length : after + 1, 0, "Lang: " + found[1]);
    return Object.assign({}, file, { raw: lines.join("\n") });
  }

  function withoutEmptyFiles(backend) {
    var persist = backend.persistEntry;
    backend.persistEntry = function (entry, options) {
      var files = (entry.dataFiles || []).filter(function (file) {
        return String(file.raw || "").trim() !== "";
      }).map(withLanguage);
      return persist.call(backend, Object.assign({}, entry, { dataFiles: files }), options);
    };
    return backend;
  }
  ["github", "proxy"].forEach(function (name) {
    var registered = CMS.getBackend && CMS.getBackend(name);
    if (!registered) return;
    var init = registered.init;
    registered.init = function () {
      return withoutEmptyFiles(init.apply(null, arguments));
    };
  });

  // --- previews look like the site ---
  var script = document.currentScript;
  var style = script && script.getAttribute("data-preview-style");
  if (style) CMS.registerPreviewStyle(new URL(style, script.src).href);
})();
