/*
 * ladder.c -- what a run looks like: text ladder, graphviz (the pcap: sim/pcap.c); and the
 * two transition tables as markdown and graphviz (see sim/sim.h).
 *
 * Everything printed here comes from a recorded run or from the const
 * tables itls_ue_table / itls_pc_table; nothing is drawn by hand.
 */
#include "sim/sim.h"

#include "itls/pcscf.h"
#include "itls/ue.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- text buffer ------------------------------------------------------------ */

void
sim_text_init(struct sim_text *t)
{
	t->p = NULL;
	t->len = 0;
	t->cap = 0;
}

void
sim_text_free(struct sim_text *t)
{
	free(t->p);
	sim_text_init(t);
}

void
sim_text_printf(struct sim_text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		return;
	}
	if (t->len + (size_t)n + 1 > t->cap) {
		size_t nc = t->cap ? t->cap : 4096;
		char *np;
		while (t->len + (size_t)n + 1 > nc) {
			nc *= 2;
		}
		np = realloc(t->p, nc);
		if (np == NULL) {
			abort();
		}
		t->p = np;
		t->cap = nc;
	}
	va_start(ap, fmt);
	vsnprintf(t->p + t->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	t->len += (size_t)n;
}

/* ---- the text ladder ------------------------------------------------------------ */

#define LANE_W 11

struct lanes {
	int col[SIM_A_COUNT];   /* column of each actor, -1 when absent */
	int width;
};

static void
lanes_of(const struct sim_run *r, struct lanes *l)
{
	int used[SIM_A_COUNT] = { 1, 0, 1, 1, 1 };
	size_t i;
	int a, c = 2;

	for (i = 0; i < r->n; i++) {
		if (r->e[i].from == SIM_A_MITM || r->e[i].to == SIM_A_MITM) {
			used[SIM_A_MITM] = 1;
		}
	}
	for (a = 0; a < SIM_A_COUNT; a++) {
		l->col[a] = used[a] ? c : -1;
		if (used[a]) {
			c += LANE_W;
		}
	}
	l->width = c - LANE_W + 3;
}

/* the lane line for one row: '|' at every actor, an arrow between a and b */
static void
lane_row(const struct lanes *l, int a, int b, char fill, char *out)
{
	int i;

	memset(out, ' ', (size_t)l->width);
	out[l->width] = 0;
	for (i = 0; i < SIM_A_COUNT; i++) {
		if (l->col[i] >= 0) {
			out[l->col[i]] = '|';
		}
	}
	if (a >= 0 && b >= 0 && a != b && l->col[a] >= 0 && l->col[b] >= 0) {
		int x0 = l->col[a], x1 = l->col[b];
		if (x0 < x1) {
			for (i = x0 + 1; i < x1; i++) {
				out[i] = fill;
			}
			out[x1 - 1] = '>';
		} else {
			for (i = x1 + 1; i < x0; i++) {
				out[i] = fill;
			}
			out[x1 + 1] = '<';
		}
	} else if (a >= 0 && l->col[a] >= 0 && a == b) {
		out[l->col[a]] = '*';
	}
}

#define LADDER_COLS 120

/* prefix, then text; when the line would pass LADDER_COLS columns the text
 * is wrapped after a space or a ';' (a header value at its commas), the
 * continuation lines under `cont` plus four spaces. A word longer than the
 * room left is cut at the limit. */
static void
put_wrapped(struct sim_text *t, const char *prefix, const char *cont, const char *text)
{
	size_t room = LADDER_COLS > strlen(prefix) + 8 ? LADDER_COLS - strlen(prefix) : 8;
	const char *p = text;
	int first = 1;

	for (;;) {
		size_t n = strlen(p), cut;
		if (!first && room > 12) {
			room = LADDER_COLS > strlen(cont) + 4 + 8 ? LADDER_COLS - strlen(cont) - 4 : 8;
		}
		if (n <= room) {
			sim_text_printf(t, "%s%s%s\n", first ? prefix : cont, first ? "" : "    ", p);
			return;
		}
		cut = room;
		while (cut > room / 3 && p[cut - 1] != ' ' && p[cut - 1] != ';') {
			cut--;
		}
		if (cut <= room / 3) {
			cut = room;
		}
		{
			size_t w = cut;
			while (w > 0 && p[w - 1] == ' ') {
				w--;
			}
			sim_text_printf(t, "%s%s%.*s\n", first ? prefix : cont, first ? "" : "    ", (int)w, p);
		}
		p += cut;
		while (*p == ' ') {
			p++;
		}
		first = 0;
		if (*p == 0) {
			return;
		}
	}
}

void
sim_ladder_text(const struct sim_run *r, struct sim_text *t)
{
	const struct sim_scenario *s = &sim_scenarios[r->scn];
	struct lanes l;
	char row[128];
	size_t i, j;
	int a;

	lanes_of(r, &l);
	sim_text_printf(t, "itls demo %s -- %s\n", s->name, s->title);
	sim_text_printf(t, "source: %s\n", s->source);
	sim_text_printf(t, "expect: %s\n\n", s->expect);
	/* header: actor names centred on their lanes */
	memset(row, ' ', sizeof row);
	for (a = 0; a < SIM_A_COUNT; a++) {
		if (l.col[a] >= 0) {
			const char *n = sim_actor_name(a);
			int x = l.col[a] - (int)strlen(n) / 2;
			if (x < 0) {
				x = 0;
			}
			memcpy(row + x, n, strlen(n));
		}
	}
	row[l.width + 4] = 0;
	{
		int e = (int)strlen(row);
		while (e > 0 && row[e - 1] == ' ') {
			row[--e] = 0;
		}
	}
	sim_text_printf(t, "%s\n", row);
	for (i = 0; i < r->n; i++) {
		const struct sim_entry *e = &r->e[i];
		char pre[192], cont[192], txt[SIM_LINE_MAX + 200];
		lane_row(&l, -1, -1, ' ', row);
		snprintf(cont, sizeof cont, "%s      ", row);
		switch (e->kind) {
		case SIM_E_PART: {
			size_t w = strlen(row);
			while (w > 0 && row[w - 1] == ' ') {
				w--;
			}
			sim_text_printf(t, "%.*s\n", (int)w, row);
		}
			put_wrapped(t, "== ", "   ", e->label);
			continue;
		case SIM_E_MSG:
			lane_row(&l, e->from, e->to, e->tcp ? '=' : '-', row);
			snprintf(txt, sizeof txt, "%s  [%s]", e->label, e->via);
			break;
		case SIM_E_TLS:
			lane_row(&l, e->from, e->to, '~', row);
			snprintf(txt, sizeof txt, "%s %s", e->via, e->label);
			break;
		case SIM_E_STEP:
		case SIM_E_NOTE:
			lane_row(&l, e->from, e->from, ' ', row);
			snprintf(txt, sizeof txt, "%s: %s", sim_actor_name(e->from), e->label);
			break;
		default:
			continue;
		}
		snprintf(pre, sizeof pre, "%s  ", row);
		put_wrapped(t, pre, cont, txt);
		if (e->kind == SIM_E_NOTE) {
			continue;
		}
		for (j = 0; j < e->nlines; j++) {
			put_wrapped(t, cont, cont, e->line[j]);
		}
	}
	{
		char res[600];
		/* the last line stays "result: PASS|FAIL ..." (scripts read it) */
		snprintf(res, sizeof res, "result: %s -- %s", r->pass ? "PASS" : "FAIL", r->verdict);
		sim_text_printf(t, "\n");
		if (strlen(res) <= LADDER_COLS) {
			sim_text_printf(t, "%s\n", res);
		} else {
			put_wrapped(t, "verdict: ", "        ", r->verdict);
			sim_text_printf(t, "result: %s\n", r->pass ? "PASS" : "FAIL");
		}
	}
}

/* ---- the messages in full ---------------------------------------------------------------- */

/* Every SIP message of the run as sent: a heading per message (its SM number,
 * sender, receiver, transport), then the text in a fenced block, CR LF shown
 * as line ends. Security-relevant lines are not marked: the text is exactly
 * what the receiver parsed. */
void
sim_messages_md(const struct sim_run *r, struct sim_text *t)
{
	size_t i, k;

	sim_text_printf(t, "<!-- generated by `itls demo %s --messages`; do not edit -->\n\n",
		sim_scenarios[r->scn].name);
	for (i = 0; i < r->n; i++) {
		const struct sim_entry *e = &r->e[i];
		size_t sp;
		if (e->kind == SIM_E_PART) {
			sim_text_printf(t, "**%s**\n\n", e->label);
			continue;
		}
		if (e->kind != SIM_E_MSG || e->text == NULL) {
			continue;
		}
		sp = strcspn(e->label, " ");
		sim_text_printf(t, "**%.*s**: %s to %s, over %s\n\n```\n", (int)sp, e->label,
			sim_actor_name(e->from), sim_actor_name(e->to), e->via);
		for (k = 0; k < e->text_len; k++) {
			char c = e->text[k];
			if (c == '\r') {
				continue;
			}
			sim_text_printf(t, "%c", c);
		}
		if (e->text_len == 0 || e->text[e->text_len - 1] != '\n') {
			sim_text_printf(t, "\n");
		}
		sim_text_printf(t, "```\n\n");
	}
}

/* ---- graphviz ladder ------------------------------------------------------------------ */

static void
dot_escape(struct sim_text *t, const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\') {
			sim_text_printf(t, "\\%c", *s);
		} else {
			sim_text_printf(t, "%c", *s);
		}
	}
}

/* one row of the ladder: same rank, actors kept left to right */
static void
dot_rank(struct sim_text *t, const struct lanes *l, size_t row)
{
	int a, prev = -1;

	sim_text_printf(t, "\t{ rank=same;");
	for (a = 0; a < SIM_A_COUNT; a++) {
		if (l->col[a] < 0) {
			continue;
		}
		if (prev >= 0) {
			sim_text_printf(t, " a%d_%zu -> a%d_%zu [style=invis];", prev, row, a, row);
		}
		prev = a;
	}
	sim_text_printf(t, " }\n");
}

/* a second label line naming the security items a message carries */
static void
dot_security(struct sim_text *t, const struct sim_entry *e)
{
	static const char *const items[] = {
		"Security-Client", "Security-Server", "Security-Verify", "s_token=",
		"c_token=", "ck=", "integrity-protected="
	};
	size_t i, j;
	int first = 1;

	for (i = 0; i < sizeof items / sizeof items[0]; i++) {
		for (j = 0; j < e->nlines; j++) {
			const char *p = strstr(e->line[j], items[i]);
			if (p == NULL) {
				continue;
			}
			sim_text_printf(t, "%s", first ? "\\n" : ", ");
			first = 0;
			if (strcmp(items[i], "integrity-protected=") == 0) {
				size_t n = strcspn(p, ", ");
				sim_text_printf(t, "%.*s", (int)n, p);
			} else if (strcmp(items[i], "ck=") == 0) {
				sim_text_printf(t, "ck, ik");
			} else {
				size_t n = strcspn(items[i], "=");
				sim_text_printf(t, "%.*s", (int)n, items[i]);
			}
			break;
		}
	}
}

void
sim_ladder_dot(const struct sim_run *r, struct sim_text *t)
{
	struct lanes l;
	size_t i, rows = 0;
	int a;

	lanes_of(r, &l);
	sim_text_printf(t, "digraph \"itls_%s\" {\n", sim_scenarios[r->scn].name);
	sim_text_printf(t, "\trankdir=TB; nodesep=1.6; ranksep=0.5; newrank=true;\n");
	sim_text_printf(t, "\tnode [shape=point, width=0.01, height=0.01];\n");
	sim_text_printf(t, "\tedge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.6];\n");
	sim_text_printf(t, "\tlabel=\"itls demo %s: ", sim_scenarios[r->scn].name);
	dot_escape(t, sim_scenarios[r->scn].title);
	sim_text_printf(t, "\\n");
	dot_escape(t, r->verdict);
	sim_text_printf(t, "\"; labelloc=t; fontname=\"Helvetica\";\n");
	for (i = 0; i < r->n; i++) {
		if (r->e[i].kind == SIM_E_MSG || r->e[i].kind == SIM_E_TLS
			|| r->e[i].kind == SIM_E_PART) {
			rows++;
		}
	}
	/* heads */
	for (a = 0; a < SIM_A_COUNT; a++) {
		if (l.col[a] >= 0) {
			sim_text_printf(t, "\ta%d_0 [group=g%d, shape=box, width=1, height=0.3, fontname=\"Helvetica\", label=\"%s\"];\n",
				a, a, sim_actor_name(a));
		}
	}
	dot_rank(t, &l, 0);
	for (a = 0; a < SIM_A_COUNT; a++) {
		size_t k;
		if (l.col[a] < 0) {
			continue;
		}
		for (k = 1; k <= rows + 1; k++) {
			sim_text_printf(t, "\ta%d_%zu [group=g%d];\n", a, k, a);
		}
		sim_text_printf(t, "\ta%d_0", a);
		for (k = 1; k <= rows + 1; k++) {
			sim_text_printf(t, " -> a%d_%zu", a, k);
		}
		sim_text_printf(t, " [arrowhead=none, style=dashed, color=gray, weight=1000];\n");
	}
	rows = 0;
	for (i = 0; i < r->n; i++) {
		const struct sim_entry *e = &r->e[i];
		if (e->kind != SIM_E_MSG && e->kind != SIM_E_TLS && e->kind != SIM_E_PART) {
			continue;
		}
		rows++;
		dot_rank(t, &l, rows);
		if (e->kind == SIM_E_PART) {
			sim_text_printf(t, "\ta0_%zu [shape=plaintext, label=\"", rows);
			dot_escape(t, e->label);
			sim_text_printf(t, "\"];\n");
			continue;
		}
		sim_text_printf(t, "\ta%d_%zu -> a%d_%zu [constraint=false, label=\"",
			e->from, rows, e->to, rows);
		dot_escape(t, e->label);
		sim_text_printf(t, " [%s]", e->via);
		dot_security(t, e);
		sim_text_printf(t, "\"%s];\n",
			e->kind == SIM_E_TLS ? ", style=dotted" : e->tcp ? ", penwidth=2" : "");
	}
	sim_text_printf(t, "}\n");
}

/* ---- the transition tables ---------------------------------------------------------------- */

static void
md_cell(struct sim_text *t, const char *s)
{
	for (; *s; s++) {
		if (*s == '|') {
			sim_text_printf(t, "\\|");
		} else {
			sim_text_printf(t, "%c", *s);
		}
	}
}

int
sim_table_md(const char *machine, struct sim_text *t)
{
	size_t i, j;

	if (strcmp(machine, "ue") == 0) {
		sim_text_printf(t, "# UE transition table (generated from itls_ue_table)\n\n");
		sim_text_printf(t, "Rows are tried in this order for the current (state, event); the first\n"
			"whose guard holds is taken. A (state, event) with no row is `bad-event`.\n"
			"Source: ref/core/ue.c. Regenerate with `make spec`.\n\n");
		sim_text_printf(t, "| row | state | event | guard | next state | steps |\n");
		sim_text_printf(t, "|---:|---|---|---|---|---|\n");
		for (i = 0; i < itls_ue_table_len; i++) {
			const struct itls_ue_row *r = &itls_ue_table[i];
			sim_text_printf(t, "| %zu | %s | %s | ", i, itls_ue_state_name(r->state),
				itls_ue_event_name(r->event));
			md_cell(t, itls_ue_guard_name(r->guard));
			sim_text_printf(t, " | %s | ", itls_ue_state_name(r->next));
			for (j = 0; j < ITLS_FSM_ROW_ACTS && r->steps[j] != ITLS_UE_A_NONE; j++) {
				sim_text_printf(t, "%s%s", j ? ", " : "", itls_ue_act_name(r->steps[j]));
			}
			sim_text_printf(t, " |\n");
		}
		sim_text_printf(t, "\nStates: ");
		for (i = 0; i < ITLS_UE_STATE_COUNT; i++) {
			sim_text_printf(t, "%s`%s`", i ? ", " : "", itls_ue_state_name((int)i));
		}
		sim_text_printf(t, ".\nEvents: ");
		for (i = 0; i < ITLS_UE_EV_COUNT; i++) {
			sim_text_printf(t, "%s`%s`", i ? ", " : "", itls_ue_event_name((int)i));
		}
		sim_text_printf(t, ".\n");
		return 0;
	}
	if (strcmp(machine, "pcscf") == 0) {
		sim_text_printf(t, "# P-CSCF transition table (generated from itls_pc_table)\n\n");
		sim_text_printf(t, "Rows are tried in this order for the current (state, event); the first\n"
			"whose guard holds is taken. A (state, event) with no row is `bad-event`.\n"
			"Source: ref/core/pcscf.c. Regenerate with `make spec`.\n\n");
		sim_text_printf(t, "| row | state | event | guard | next state | steps |\n");
		sim_text_printf(t, "|---:|---|---|---|---|---|\n");
		for (i = 0; i < itls_pc_table_len; i++) {
			const struct itls_pc_row *r = &itls_pc_table[i];
			sim_text_printf(t, "| %zu | %s | %s | ", i, itls_pc_state_name(r->state),
				itls_pc_event_name(r->event));
			md_cell(t, itls_pc_guard_name(r->guard));
			sim_text_printf(t, " | %s | ", itls_pc_state_name(r->next));
			for (j = 0; j < ITLS_FSM_ROW_ACTS && r->steps[j] != ITLS_PC_A_NONE; j++) {
				sim_text_printf(t, "%s%s", j ? ", " : "", itls_pc_act_name(r->steps[j]));
			}
			sim_text_printf(t, " |\n");
		}
		sim_text_printf(t, "\nStates: ");
		for (i = 0; i < ITLS_PC_STATE_COUNT; i++) {
			sim_text_printf(t, "%s`%s`", i ? ", " : "", itls_pc_state_name((int)i));
		}
		sim_text_printf(t, ".\nEvents: ");
		for (i = 0; i < ITLS_PC_EV_COUNT; i++) {
			sim_text_printf(t, "%s`%s`", i ? ", " : "", itls_pc_event_name((int)i));
		}
		sim_text_printf(t, ".\n");
		return 0;
	}
	return -1;
}

int
sim_table_dot(const char *machine, struct sim_text *t)
{
	size_t i, k, n;
	int ue = strcmp(machine, "ue") == 0;

	if (!ue && strcmp(machine, "pcscf") != 0) {
		return -1;
	}
	n = ue ? itls_ue_table_len : itls_pc_table_len;
	sim_text_printf(t, "digraph \"itls_%s\" {\n", machine);
	/* one edge per pair of states, its rows one per label line, labels
	 * placed by dot's label nodes (no two labels share a place); polyline
	 * edges: with the P-CSCF's re-registration edge a spline ran
	 * through the label of a self-loop */
	sim_text_printf(t, "\trankdir=TB; nodesep=0.5; ranksep=0.6; forcelabels=true; splines=polyline;\n");
	sim_text_printf(t, "\tnode [shape=ellipse, fontname=\"Helvetica\", fontsize=11];\n");
	sim_text_printf(t, "\tedge [fontname=\"Helvetica\", fontsize=8];\n");
	sim_text_printf(t, "\tlabel=\"%s state machine (generated from %s; an edge lists its rows)\"; labelloc=t;\n",
		ue ? "UE" : "P-CSCF", ue ? "itls_ue_table" : "itls_pc_table");
	for (i = 0; i < (ue ? (size_t)ITLS_UE_STATE_COUNT : (size_t)ITLS_PC_STATE_COUNT); i++) {
		const char *s = ue ? itls_ue_state_name((int)i) : itls_pc_state_name((int)i);
		sim_text_printf(t, "\t\"%s\"%s;\n", s,
			strcmp(s, "failed") == 0 ? " [shape=doubleoctagon]"
			: strncmp(s, "registered", 10) == 0 ? " [shape=doublecircle]" : "");
	}
	for (i = 0; i < n; i++) {
		int st = ue ? (int)itls_ue_table[i].state : (int)itls_pc_table[i].state;
		int nx = ue ? (int)itls_ue_table[i].next : (int)itls_pc_table[i].next;
		int seen = 0;
		for (k = 0; k < i; k++) {
			if ((ue ? (int)itls_ue_table[k].state : (int)itls_pc_table[k].state) == st
				&& (ue ? (int)itls_ue_table[k].next : (int)itls_pc_table[k].next) == nx) {
				seen = 1;
			}
		}
		if (seen) {
			continue;
		}
		sim_text_printf(t, "\t\"%s\" -> \"%s\" [label=\"",
			ue ? itls_ue_state_name(st) : itls_pc_state_name(st),
			ue ? itls_ue_state_name(nx) : itls_pc_state_name(nx));
		for (k = i; k < n; k++) {
			const char *ev, *g;
			if ((ue ? (int)itls_ue_table[k].state : (int)itls_pc_table[k].state) != st
				|| (ue ? (int)itls_ue_table[k].next : (int)itls_pc_table[k].next) != nx) {
				continue;
			}
			if (ue) {
				ev = itls_ue_event_name(itls_ue_table[k].event);
				g = itls_ue_guard_name(itls_ue_table[k].guard);
			} else {
				ev = itls_pc_event_name(itls_pc_table[k].event);
				g = itls_pc_guard_name(itls_pc_table[k].guard);
			}
			sim_text_printf(t, "%zu: %s", k, ev);
			if (strcmp(g, "-") != 0) {
				sim_text_printf(t, " [");
				dot_escape(t, g);
				sim_text_printf(t, "]");
			}
			sim_text_printf(t, "\\l");
		}
		sim_text_printf(t, "\"];\n");
	}
	sim_text_printf(t, "}\n");
	return 0;
}
