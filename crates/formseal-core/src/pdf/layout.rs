//! The table model of the paper form and its pagination: rows of cells, each cell lines of spans;
//! rows too tall for the rest of a page split between lines, their label cells repeated, and a
//! table's header row repeated at the top of every page it continues on.

/// Body text size (五号) and line height, in points.
pub const BODY: f32 = 10.5;
pub const LINE: f32 = 15.0;
/// Inner padding of a cell.
pub const PAD: f32 = 4.0;

/// Something drawn on a line, at `x` from the cell's inner left edge.
#[derive(Clone, Debug, PartialEq)]
pub enum Span {
    Text {
        x: f32,
        text: String,
        bold: bool,
    },
    /// A check box, ticked or not.
    Check {
        x: f32,
        checked: bool,
    },
}

/// One line of a cell.
pub type LineBox = Vec<Span>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// One cell of a row, at `x` (from the table's left edge) and `w` wide.
#[derive(Clone, Debug)]
pub struct Cell {
    pub x: f32,
    pub w: f32,
    pub lines: Vec<LineBox>,
    pub align: Align,
    /// A label: centred vertically, and repeated when its row continues on the next page.
    pub label: bool,
}

impl Cell {
    pub fn new(x: f32, w: f32, lines: Vec<LineBox>) -> Cell {
        Cell { x, w, lines, align: Align::Left, label: false }
    }
    pub fn label(x: f32, w: f32, lines: Vec<LineBox>) -> Cell {
        Cell { align: Align::Center, label: true, ..Cell::new(x, w, lines) }
    }
    fn height(&self) -> f32 {
        self.lines.len() as f32 * LINE + 2.0 * PAD
    }
}

/// One row of the table: its cells, the band (section) it belongs to, and the repeatable-row
/// table it is part of (whose header is repeated on a new page).
#[derive(Clone, Debug)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub min_height: f32,
    pub band: usize,
    pub table: Option<usize>,
    /// Never the last row on a page (a row block's title).
    pub keep_with_next: bool,
    /// Never split between pages (the seal block).
    pub keep_whole: bool,
}

impl Row {
    pub fn new(band: usize, cells: Vec<Cell>) -> Row {
        Row { cells, min_height: LINE + 2.0 * PAD, band, table: None, keep_with_next: false, keep_whole: false }
    }
    pub fn height(&self) -> f32 {
        self.cells.iter().map(Cell::height).fold(self.min_height, f32::max)
    }
    /// The first `n` lines of the value cells, and the rest (labels in both). `None` when the
    /// row has no more than `n` lines, or `n` is too small to leave a line on each side.
    fn split(&self, n: usize) -> Option<(Row, Row)> {
        let longest = self.cells.iter().filter(|c| !c.label).map(|c| c.lines.len()).max()?;
        if n == 0 || longest <= n || self.keep_whole {
            return None;
        }
        let (mut head, mut tail) = (self.clone(), self.clone());
        head.min_height = 0.0;
        tail.min_height = LINE + 2.0 * PAD;
        for (h, t) in head.cells.iter_mut().zip(tail.cells.iter_mut()) {
            if !h.label {
                let rest = h.lines.split_off(n.min(h.lines.len()));
                t.lines = rest;
            }
        }
        Some((head, tail))
    }
}

/// Everything laid out in table order: the band titles, each table's header row, the rows.
#[derive(Debug, Default)]
pub struct Flow {
    pub bands: Vec<Vec<String>>,
    pub headers: Vec<Row>,
    pub rows: Vec<Row>,
}

/// A row placed on a page at `y` (from the top of the table area).
#[derive(Clone, Debug)]
pub struct Placed {
    pub row: Row,
    pub y: f32,
    pub h: f32,
}

/// Splits the flow into pages: the first page's table area is `first` high, the others `rest`.
pub fn paginate(flow: &Flow, first: f32, rest: f32) -> Vec<Vec<Placed>> {
    let mut pages: Vec<Vec<Placed>> = vec![Vec::new()];
    let mut height = first;
    let mut y = 0.0;
    let mut queue: std::collections::VecDeque<Row> = flow.rows.iter().cloned().collect();
    let mut last_table: Option<usize> = None;
    while let Some(row) = queue.pop_front() {
        let h = row.height();
        let next = if row.keep_with_next { queue.front().map_or(0.0, first_line) } else { 0.0 };
        let fresh = pages.last().is_some_and(Vec::is_empty);
        if y + h + next <= height || (fresh && row.split(1).is_none()) {
            last_table = row.table;
            pages.last_mut().expect("a page").push(Placed { row, y, h });
            y += h;
            continue;
        }
        let lines_left = ((height - y - 2.0 * PAD) / LINE).floor().max(0.0) as usize;
        let split = if row.keep_with_next { None } else { row.split(lines_left.max(usize::from(fresh))) };
        let continues = row.table;
        match split {
            Some((head, tail)) if lines_left >= 2 || fresh => {
                let hh = head.height();
                pages.last_mut().expect("a page").push(Placed { row: head, y, h: hh });
                queue.push_front(tail);
            }
            _ => queue.push_front(row),
        }
        pages.push(Vec::new());
        height = rest;
        y = 0.0;
        // A table that goes on: its header first.
        if let (Some(t), Some(prev)) = (continues, last_table) {
            if t == prev {
                let header = flow.headers[t].clone();
                let hh = header.height();
                pages.last_mut().expect("a page").push(Placed { row: header, y, h: hh });
                y += hh;
            }
        }
        last_table = continues;
    }
    pages
}

/// Height of a row's first line (what must fit below a row kept with it).
fn first_line(row: &Row) -> f32 {
    row.height().min(LINE + 2.0 * PAD)
}
