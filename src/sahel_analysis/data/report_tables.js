/* sahel-analysis report: long tables in pages, with click-to-sort headers. Offline, no library.
   A table with more body rows than PAGE_ROWS shows them a page at a time, under a line
   "showing 1–25 of 1,000" and page buttons; a click on a column header sorts the rows by that
   column (numbers as numbers, text in Arabic-aware order), a second click reverses the order.
   Rows off the page only carry the class "sa-off": the print stylesheet shows every row, so a
   printed or PDF report holds the whole table. A cell merged over rows (a grouped index) is
   repeated in each of its rows first. Without this script every row shows. */
(function () {
  "use strict";
  var PAGE_ROWS = 25;
  var TABLES = ".cell_output table, table.document-index, table.document-items, table.document-names";
  var number = new Intl.NumberFormat("en-US");
  var collator = new Intl.Collator(["ar", "en"], { numeric: true, sensitivity: "base" });

  function cellValue(row, column) {
    var cell = row.cells[column];
    return cell ? cell.textContent.trim() : "";
  }

  function asNumber(text) {
    var plain = text.replace(/[,\u066c\s%]/g, "");
    return plain !== "" && isFinite(plain) ? parseFloat(plain) : null;
  }

  function compare(a, b) {
    var x = asNumber(a), y = asNumber(b);
    if (x !== null && y !== null) { return x - y; }
    if (x !== null) { return -1; }
    if (y !== null) { return 1; }
    return collator.compare(a, b);
  }

  /* the header row whose cells line up with the body's columns (pandas may add a row of index names) */
  function columnHeaders(table, width) {
    var rows = table.tHead ? table.tHead.rows : [];
    for (var r = 0; r < rows.length; r++) {
      var span = 0;
      for (var c = 0; c < rows[r].cells.length; c++) { span += rows[r].cells[c].colSpan; }
      if (span === width && rows[r].cells.length === width) { return rows[r]; }
    }
    return null;
  }

  function pager(table, body) {
    var rows = Array.prototype.slice.call(body.rows);
    var total = rows.length;
    var pages = Math.ceil(total / PAGE_ROWS);
    var page = 0;
    /* a notebook table cut at its row limit is followed by a note giving the whole table's size */
    var output = table.closest(".output, .cell_output");
    var note = output ? output.querySelector("[data-total]") : null;
    var all = note ? parseInt(note.getAttribute("data-total"), 10) : total;
    var bar = document.createElement("div");
    bar.className = "sa-pager";
    var status = document.createElement("span");
    status.className = "sa-status";
    status.setAttribute("aria-live", "polite");
    var buttons = {};
    function button(name, label, title, go) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.title = title;
      b.setAttribute("aria-label", title);
      b.addEventListener("click", function () { go(); show(); });
      buttons[name] = b;
      bar.appendChild(b);
    }
    function show() {
      var first = page * PAGE_ROWS;
      var last = Math.min(total, first + PAGE_ROWS);
      for (var k = 0; k < rows.length; k++) {
        rows[k].classList.toggle("sa-off", k < first || k >= last);
      }
      status.textContent = "showing " + number.format(first + 1) + "\u2013" + number.format(last) +
        " of " + number.format(total) + " rows" + (all > total ? " here (" + number.format(all) + " in all)" : "") +
        " (page " + (page + 1) + " of " + pages + ")";
      buttons.first.disabled = buttons.previous.disabled = page === 0;
      buttons.next.disabled = buttons.last.disabled = page === pages - 1;
    }
    bar.appendChild(status);
    button("first", "\u00ab", "first page", function () { page = 0; });
    button("previous", "\u2039", "previous page", function () { page = Math.max(0, page - 1); });
    button("next", "\u203a", "next page", function () { page = Math.min(pages - 1, page + 1); });
    button("last", "\u00bb", "last page", function () { page = pages - 1; });
    table.parentNode.insertBefore(bar, table);
    show();
    return {
      reorder: function (ordered) {
        rows = ordered;
        for (var k = 0; k < ordered.length; k++) { body.appendChild(ordered[k]); }
        page = 0;
        show();
      },
      rows: function () { return rows.slice(); }
    };
  }

  /* a cell spanning rows (pandas' grouped index) is repeated in each row it spans, in grey, so a
     row keeps its group on any page and in any order */
  function unmerge(body) {
    var pending = [];
    Array.prototype.forEach.call(body.rows, function (row) {
      pending.forEach(function (span) {
        var copy = span.cell.cloneNode(true);
        copy.classList.add("sa-repeat");
        row.insertBefore(copy, row.cells[span.column] || null);
        span.left -= 1;
      });
      pending = pending.filter(function (span) { return span.left > 0; });
      for (var c = 0; c < row.cells.length; c++) {
        var cell = row.cells[c];
        if (cell.rowSpan > 1) {
          pending.push({ cell: cell, column: c, left: cell.rowSpan - 1 });
          cell.removeAttribute("rowspan");
        }
      }
      pending.sort(function (a, b) { return a.column - b.column; });
    });
  }

  function sortable(table, body, paged) {
    var width = body.rows[0].cells.length;
    var header = columnHeaders(table, width);
    if (!header) { return; }
    var original = paged.rows();
    Array.prototype.forEach.call(header.cells, function (th, column) {
      th.classList.add("sa-sortable");
      th.tabIndex = 0;
      th.title = "sort by this column";
      function sort() {
        var next = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        Array.prototype.forEach.call(header.cells, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", next);
        var sign = next === "ascending" ? 1 : -1;
        var keyed = original.map(function (row, k) { return [cellValue(row, column), k, row]; });
        keyed.sort(function (a, b) { return sign * compare(a[0], b[0]) || a[1] - b[1]; });
        paged.reorder(keyed.map(function (item) { return item[2]; }));
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
  }

  function setUp() {
    Array.prototype.forEach.call(document.querySelectorAll(TABLES), function (table) {
      var body = table.tBodies[0];
      if (!body || body.rows.length <= PAGE_ROWS || table.classList.contains("sa-paged")) { return; }
      table.classList.add("sa-paged");
      if (body.querySelector("[rowspan]")) { unmerge(body); }
      sortable(table, body, pager(table, body));
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
