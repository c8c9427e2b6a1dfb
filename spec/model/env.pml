/*
 * spec/model/env.pml -- the hand-written part of the I-TLS model
 * (spec/security.md): symbolic terms, the configurations, the channels of
 * the UE <-> P-CSCF hop, the S-CSCF/HSS, the Dolev-Yao attacker and the
 * property monitors. The two machines are generated from the C tables by
 * spec/model/gen.py and inserted at the @@TABLES@@ marker.
 *
 * Symbolic terms. Certificates: C_P (the genuine P-CSCF's), C_M (the
 * attacker's self-signed one). AKA runs 1..3: run 1 is a registration made
 * before the model starts, observed by the attacker (one AKA re-run); the
 * S-CSCF issues runs 2 and 3. IK and CK of run r are the term r; they travel
 * only on the trusted P-CSCF <-> S-CSCF hop and in the USIM, never to the
 * attacker. s_token ST(r,c) = HMAC(IK_r, cert c); c_token CT(r,s) =
 * HMAC(IK_r, s_token s); the PSK of run r is r. Tokens compare as terms.
 * Sec-agree lists: bit 0 tls, bit 1 ipsec-3gpp, bit 2 "tls ranked above
 * ipsec-3gpp" (Security-Server and Security-Verify only).
 */
#define OFF_TLS 1
#define OFF_IPSEC 2
#define M_NONE 0
#define M_TLS 1
#define M_IPSEC 2
#define TR_PLAIN 0
#define TR_TLS 1
#define TR_IPSEC 2
#define C_P 1
#define C_M 2
#define X_NONE 0
#define X_GENUINE 1
#define X_ATK 2
#define W_NONE 0
#define W_CONNECT 1
#define W_PSK 2
#define W_RESUME 3
#define IP_NO 0
#define IP_YES 1
#define IP_TLS_PENDING 2
#define IP_TLS_YES 3
#define R_NONE 0
#define R_OK 1
#define R_REJECT 2
#define REQ_SM2 1
#define REQ_SM8 2
#define ATK_NONE 0
#define ATK_FREE 1
#define ATK_MITM 2
#define ATK_BD_A 3
#define ATK_BD_B 4
#define A_UE 0
#define A_MITM 1
#define A_PC 2
#define A_SC 3
#define ST(r, c) (((r) - 1) * 2 + (c))
#define CT(r, s) (((r) - 1) * 6 + (s))
/* RFC 3329 §2.3: the highest-ranked mechanism of Security-Server sl that offer has */
#define SEL(sl, off) (((((sl) & (off)) & 3) == 3) -> ((((sl) & 4) != 0) -> M_TLS : M_IPSEC) : \
	(((((sl) & (off)) & 1) != 0) -> M_TLS : (((((sl) & (off)) & 2) != 0) -> M_IPSEC : M_NONE)))

/* ---- properties (spec/security.md); -DP_SPnn turns one on ---- */
#ifdef P_SP01
#define CHK_SP01(c) if :: !(c) -> printf("@V SP-01\n"); assert(false) :: else -> skip fi
#else
#define CHK_SP01(c) skip
#endif
#ifdef P_SP02
#define CHK_SP02(c) if :: !(c) -> printf("@V SP-02\n"); assert(false) :: else -> skip fi
#else
#define CHK_SP02(c) skip
#endif
#ifdef P_SP03
#define CHK_SP03(c) if :: !(c) -> printf("@V SP-03\n"); assert(false) :: else -> skip fi
#else
#define CHK_SP03(c) skip
#endif
#ifdef P_SP04
#define CHK_SP04(c) if :: !(c) -> printf("@V SP-04\n"); assert(false) :: else -> skip fi
#else
#define CHK_SP04(c) skip
#endif
#ifdef P_SP05
#define CHK_SP05(c) if :: !(c) -> printf("@V SP-05\n"); assert(false) :: else -> skip fi
#else
#define CHK_SP05(c) skip
#endif
#ifdef P_SP06
#define CHK_SP06(c) if :: !(c) -> printf("@V SP-06\n"); assert(false) :: else -> skip fi
#else
#define CHK_SP06(c) skip
#endif
#ifdef P_SP07
#define CHK_SP07(c) if :: !(c) -> printf("@V SP-07\n"); assert(false) :: else -> skip fi
#else
#define CHK_SP07(c) skip
#endif
#ifdef P_SP08
#define CHK_SP08(c) if :: !(c) -> printf("@V SP-08\n"); assert(false) :: else -> skip fi
#else
#define CHK_SP08(c) skip
#endif
#ifdef P_SP09
#define CHK_SP09(c) if :: !(c) -> printf("@V SP-09\n"); assert(false) :: else -> skip fi
#else
#define CHK_SP09(c) skip
#endif

/* ---- configuration (chosen at the start of every run) ---- */
byte cfg_ue_offer;     /* OFF_TLS | OFF_IPSEC */
bit cfg_tls_first;     /* figure 2 (else figure 4) */
bit cfg_psk;           /* PSK-TLS (both sides), else I-TLS with certificate and tokens */
byte cfg_pc_support;   /* OFF_TLS | OFF_IPSEC */
byte cfg_pc_sl;        /* the P-CSCF's Security-Server: support and preference */
byte cfg_atk;          /* ATK_* */
bit cfg_loss;          /* an honest run that loses TLS once after registration */

/* ---- the network ---- */
byte c_ue;             /* the UE's live TLS connection goes to: X_GENUINE P-CSCF or X_ATK */
byte c_pc;             /* the P-CSCF's live TLS connection comes from: X_GENUINE UE or X_ATK */
byte s_ue;             /* the peer of the UE's saved TLS session (resumption) */
bit lost_ue;           /* the UE's connection closed, not yet reported (tls-lost) */
bit lost_pc;           /* the P-CSCF's connection closed, not yet reported (tls-closed) */
bit loss_used;
bit rereg_used;   /* one re-registration per run (UE-28, PC-23) */
byte net_run = 1;      /* the last AKA run issued by the S-CSCF/HSS */
byte usim_last = 1;    /* the USIM's SQN: the last run it accepted */
byte sc_req;           /* a request on the trusted P-CSCF -> S-CSCF hop */
byte sc_res;           /* the RES run of the Digest response in SM8 */
bit m1; byte m1_cl; byte m1_via;
bit m6; byte m6_sl; byte m6_stok; byte m6_run; byte m6_via;
bit m7; byte m7_cl; byte m7_sv; byte m7_ctok; byte m7_res; byte m7_run; byte m7_via;
byte m12; byte m12_via;
/* what the attacker knows: bit i of k_st is s_token i, of k_ct c_token i, of
 * k_ch the challenge (RAND, AUTN) of run i, of k_res the Digest response of
 * run i; it starts with what it saw of run 1 */
int k_st = 4;          /* 1 << ST(1, C_P) */
int k_ct = 4;          /* 1 << CT(1, ST(1, C_P)) */
byte k_ch = 2;
byte k_res = 2;
/* ghosts: what the monitors need to know of the world */
bit g_started;
byte g_sl;             /* the Security-Server of the SM6 the UE took */
bit g_sess_bound;      /* the P-CSCF's live session is the one SM8 went over with tls-yes */

/* ---- the UE machine's data (set by the semantic map's steps) ---- */
byte ue_st; bit ue_tls_up; byte ue_run; byte ue_stok; byte ue_sl; byte ue_chosen;
bit ue_stok_ok; byte ue_stok_run; bit ue_psk_ok; byte ue_psk_run; byte ue_psk;
byte ue_ctok; bit ue_sm6_seen; bit ue_refusal; byte ue_want;
byte ue_conn_cert;     /* the certificate recorded at the last full handshake (UE-25) */
byte ue_row;
/* the UE's event (set by the environment just before a step) */
byte ev_kind, ev_cert, ev_resumed, ev_psk, ev_aka_ok, ev_run, ev_stok, ev_sl, ev_chosen;

/* ---- the P-CSCF machine's data ---- */
byte pc_st; bit pc_tls_up; bit pc_tls_bound; byte pc_sm1_via; byte pc_cl; bit pc_ue_tls;
byte pc_run; bit pc_stok_sent; byte pc_stok; bit pc_sm6_sent; byte pc_sm7_via;
bit pc_ctok_ok; byte pc_ctok_run; bit pc_psk_ok; byte pc_psk_run; byte pc_psk;
byte pc_mech; byte pc_integrity; byte pc_sv;
byte pc_agreed;        /* the mechanism SM7 must use (PC-21) */
byte pc_row;
byte pev_kind, pev_via, pev_resumed, pev_psk, pev_cl, pev_sv, pev_keys, pev_run, pev_ctok, pev_res;
bit go_ue, go_pc;
/* attacker's scratch */
byte a1, a2, a3, a4, a5;
/* the event and scratch variables live only inside one atomic step: zero them
 * after it, so that they do not split states */

#define ATK_ON (cfg_atk == ATK_FREE)
#define DIRECT (c_ue == X_GENUINE && c_pc == X_GENUINE)
#define UE_CERT_OF_CONN ((c_ue == X_GENUINE) -> C_P : ((c_ue == X_ATK) -> C_M : 0))

/* every in-flight message that rode a TLS connection dies with it */
inline drop_tls_msgs() {
  if :: m1 && m1_via == TR_TLS -> m1 = 0 :: else -> skip fi;
  if :: m6 && m6_via == TR_TLS -> m6 = 0 :: else -> skip fi;
  if :: m7 && m7_via == TR_TLS -> m7 = 0 :: else -> skip fi;
  if :: m12 != R_NONE && m12_via == TR_TLS -> m12 = R_NONE :: else -> skip fi
}
inline close_ue_conn() {
  if :: c_ue == X_GENUINE -> c_pc = X_NONE; lost_pc = 1 :: else -> skip fi;
  c_ue = X_NONE; lost_ue = 1; drop_tls_msgs()
}
inline close_pc_conn() {
  if :: c_pc == X_GENUINE -> c_ue = X_NONE; lost_ue = 1 :: else -> skip fi;
  c_pc = X_NONE; lost_pc = 1; drop_tls_msgs()
}
/* the UE closes its own connection (figure 3, tls-close) */
inline env_ue_close() {
  printf("@N 0 closes the TLS connection\n");
  if :: c_ue == X_GENUINE -> c_pc = X_NONE; lost_pc = 1 :: else -> skip fi;
  c_ue = X_NONE; drop_tls_msgs()
}
inline env_ue_send_sm1() {
  if
  :: ue_tls_up && c_ue == X_NONE -> skip
  :: else -> m1 = 1; m1_cl = cfg_ue_offer; m1_via = (ue_tls_up -> TR_TLS : TR_PLAIN)
  fi
}
/* UE-12: SM7 repeats Security-Client, Security-Verify = the Security-Server kept */
inline env_ue_send_sm7() {
  /* SP-05 (UE-06): the mechanism is the best of the Security-Server received among the UE's offer */
  CHK_SP05(ue_chosen == SEL(g_sl, cfg_ue_offer));
  if
  :: ue_chosen == M_TLS ->
     /* SP-01 (UE-20): SM7 over TLS only to the genuine P-CSCF, which holds this run's IK */
     CHK_SP01(c_ue == X_NONE || (c_ue == X_GENUINE && pc_run == ue_run));
     if
     :: c_ue == X_NONE -> skip
     :: else -> m7 = 1; m7_via = TR_TLS;
        if :: c_ue == X_ATK -> k_ct = k_ct | ((1 << ue_ctok) & ~1); k_res = k_res | (1 << ue_run)
        :: else -> skip fi
     fi
  :: else -> m7 = 1; m7_via = TR_IPSEC
  fi;
  m7_cl = cfg_ue_offer; m7_sv = ue_sl; m7_ctok = ue_ctok; m7_res = ue_run; m7_run = ue_run
}
inline env_pc_send_sm2() { sc_req = REQ_SM2; printf("@M 2 3 SM2 0 %d 0 0 0\n", pc_integrity) }
inline env_pc_send_sm6() {
  if
  :: pc_sm1_via == TR_TLS && c_pc == X_NONE -> skip
  :: else -> m6 = 1; m6_sl = pc_sv; m6_stok = (pc_stok_sent -> pc_stok : 0); m6_run = pc_run;
     m6_via = (pc_sm1_via == TR_TLS -> TR_TLS : TR_PLAIN);
     if :: m6_via == TR_PLAIN || c_pc == X_ATK ->
          k_st = k_st | ((1 << m6_stok) & 126); k_ch = k_ch | (1 << m6_run)
     :: else -> skip fi
  fi
}
inline env_pc_send_sm8() {
  sc_req = REQ_SM8; sc_res = pev_res; g_sess_bound = (pev_via == TR_TLS);
  printf("@M 2 3 SM8 0 %d %d 0 0\n", pc_integrity, pev_res);
  /* SP-02 (PC-13, PC-15): SM8 over TLS only for the genuine UE's connection in this run */
  CHK_SP02(pev_via != TR_TLS || (DIRECT && ue_run == pc_run));
  /* SP-06 (PC-10, PC-11): only the best mechanism of both genuine offers */
  CHK_SP06(pc_mech == SEL(cfg_pc_sl, cfg_ue_offer));
  /* SP-09 (PC-10, PC-11, UE-12): the echo of RFC 3329 was verified: Security-Verify is
   * the Security-Server sent, Security-Client is SM1's, which is the genuine UE's */
  CHK_SP09(pev_sv == pc_sv && pev_cl == pc_cl && pc_cl == cfg_ue_offer)
}
inline env_pc_send_final(fk) {
  m12 = fk; m12_via = ((fk == R_OK) -> pc_sm7_via : TR_PLAIN);
  if :: m12_via == TR_TLS && c_pc == X_NONE -> m12 = R_NONE :: else -> skip fi
}

/* @@TABLES@@ */

/* the properties that hold in every state */
inline check() {
  /* SP-01 (UE-20, UE-19): registered over TLS, the UE's connection is the genuine P-CSCF's */
  CHK_SP01(!(ue_st == UE_S_REGISTERED_TLS && c_ue != X_NONE) || c_ue == X_GENUINE);
  /* SP-03 (PC-14, PC-17): tls-yes only for the session that was bound */
  CHK_SP03(!(pc_st != PC_S_FAILED && pc_integrity == IP_TLS_YES && c_pc != X_NONE) || g_sess_bound);
  /* SP-04 (UE-06, PC-10, PC-11): both registered in one run => same mechanism, the best of both offers */
  CHK_SP04(!((ue_st == UE_S_REGISTERED_TLS || ue_st == UE_S_REGISTERED_IPSEC) && pc_st == PC_S_REGISTERED && ue_run == pc_run) ||
    (pc_mech == ((ue_st == UE_S_REGISTERED_TLS) -> M_TLS : M_IPSEC) && pc_mech == SEL(cfg_pc_sl, cfg_ue_offer)))
}

/* deliver events */
inline ue_ev(uk) {
  ev_kind = uk; go_ue = 1
}
inline ue_up_ev(xcert, xres, xpsk) {
  ev_kind = UE_E_TLS_UP; ev_cert = xcert; ev_resumed = xres; ev_psk = xpsk; ev_aka_ok = 0; ev_run = 0;
  ev_stok = 0; ev_sl = 0; ev_chosen = 0; ue_want = W_NONE; s_ue = c_ue;
  printf("@H 0 %d %d %d %d\n", c_ue, xcert, xres, xpsk);
  go_ue = 1
}
inline ue_sm6(xsl, xstok, xrun, xfrom) {
  ev_kind = UE_E_SM6; ev_sl = xsl; ev_stok = xstok; ev_run = xrun; ev_cert = UE_CERT_OF_CONN;
  ev_resumed = 0; ev_psk = 0; ev_aka_ok = (xrun > usim_last);
  if :: ev_aka_ok -> usim_last = xrun :: else -> skip fi;
  ue_caller_choice();
  g_sl = xsl;
  printf("@M %d 0 SM6 %d %d %d %d 0\n", xfrom, ev_cert, xsl, xstok, xrun);
  go_ue = 1
}
inline ue_final(rk, xfrom, xvia) {
  ev_kind = ((rk == R_OK) -> UE_E_SM12 : UE_E_REJECT);
  printf("@M %d 0 R%d %d 0 0 0 0\n", xfrom, rk, xvia);
  go_ue = 1
}
inline pc_ev(pk) {
  pev_kind = pk; pev_via = 0; pev_resumed = 0; pev_psk = 0; pev_cl = 0; pev_sv = 0; pev_keys = 0;
  pev_run = 0; pev_ctok = 0; pev_res = 0; go_pc = 1
}
inline pc_up_ev(xres, xpsk) {
  pev_kind = PC_E_TLS_UP; pev_via = 0; pev_resumed = xres; pev_psk = xpsk; pev_cl = 0; pev_sv = 0;
  pev_keys = 0; pev_run = 0; pev_ctok = 0; pev_res = 0;
  if :: !xres -> g_sess_bound = xpsk :: else -> skip fi;
  printf("@H 2 %d 0 %d %d\n", c_pc, xres, xpsk);
  go_pc = 1
}
inline pc_sm1(xcl, xvia, xfrom) {
  pev_kind = PC_E_SM1; pev_via = xvia; pev_resumed = 0; pev_psk = 0; pev_cl = xcl; pev_sv = 0;
  pev_keys = 0; pev_run = 0; pev_ctok = 0; pev_res = 0;
  printf("@M %d 2 SM1 %d %d 0 0 0\n", xfrom, xvia, xcl);
  go_pc = 1
}
inline pc_sm7(xcl, xsv, xctok, xres, xvia, xfrom) {
  pev_kind = PC_E_SM7; pev_via = xvia; pev_resumed = 0; pev_psk = 0; pev_cl = xcl; pev_sv = xsv;
  pev_keys = 0; pev_run = 0; pev_ctok = xctok; pev_res = xres;
  printf("@M %d 2 SM7 %d %d %d %d %d\n", xfrom, xvia, xcl, xsv, xctok, xres);
  go_pc = 1
}
inline atk_stok(x) {
  if
  :: x = 0
  :: (k_st & (1 << 1)) != 0 -> x = 1
  :: (k_st & (1 << 2)) != 0 -> x = 2
  :: (k_st & (1 << 3)) != 0 -> x = 3
  :: (k_st & (1 << 4)) != 0 -> x = 4
  :: (k_st & (1 << 5)) != 0 -> x = 5
  :: (k_st & (1 << 6)) != 0 -> x = 6
  fi
}
inline atk_ctok(x) {
  if
  :: x = 0
  :: (k_ct & (1 << 1)) != 0 -> x = 1
  :: (k_ct & (1 << 2)) != 0 -> x = 2
  :: (k_ct & (1 << 3)) != 0 -> x = 3
  :: (k_ct & (1 << 4)) != 0 -> x = 4
  :: (k_ct & (1 << 5)) != 0 -> x = 5
  :: (k_ct & (1 << 6)) != 0 -> x = 6
  :: (k_ct & (1 << 7)) != 0 -> x = 7
  :: (k_ct & (1 << 8)) != 0 -> x = 8
  :: (k_ct & (1 << 9)) != 0 -> x = 9
  :: (k_ct & (1 << 10)) != 0 -> x = 10
  :: (k_ct & (1 << 11)) != 0 -> x = 11
  :: (k_ct & (1 << 12)) != 0 -> x = 12
  :: (k_ct & (1 << 13)) != 0 -> x = 13
  :: (k_ct & (1 << 14)) != 0 -> x = 14
  :: (k_ct & (1 << 15)) != 0 -> x = 15
  :: (k_ct & (1 << 16)) != 0 -> x = 16
  :: (k_ct & (1 << 17)) != 0 -> x = 17
  :: (k_ct & (1 << 18)) != 0 -> x = 18
  fi
}
inline atk_res(x) {
  if
  :: x = 0
  :: (k_res & (1 << 1)) != 0 -> x = 1
  :: (k_res & (1 << 2)) != 0 -> x = 2
  :: (k_res & (1 << 3)) != 0 -> x = 3
  fi
}
/* the freshest Digest response the attacker knows (an older one only makes the S-CSCF refuse) */
inline atk_fresh_res(x) {
  if
  :: (k_res & 8) != 0 -> x = 3
  :: (k_res & 12) == 4 -> x = 2
  :: (k_res & 14) == 2 -> x = 1
  fi
}
inline atk_run(x) {
  if
  :: (k_ch & 2) != 0 -> x = 1
  :: (k_ch & 4) != 0 -> x = 2
  :: (k_ch & 8) != 0 -> x = 3
  fi
}
inline atk_list(x) {
  if :: x = 0 :: x = 1 :: x = 2 :: x = 3 :: x = 7 fi
}
inline atk_client(x) {
  if :: x = 0 :: x = 1 :: x = 2 :: x = 3 fi
}

init {
  /* ---- the configurations (spec/security.md) ---- */
  atomic {
    if
    :: cfg_ue_offer = OFF_TLS :: cfg_ue_offer = OFF_IPSEC :: cfg_ue_offer = OFF_TLS | OFF_IPSEC
    fi;
    if :: cfg_psk = 0 :: (cfg_ue_offer & OFF_TLS) != 0 -> cfg_psk = 1 fi;
    /* UE-01: TLS first needs tls offered and the certificate mode */
    if :: cfg_tls_first = 0 :: (cfg_ue_offer & OFF_TLS) != 0 && !cfg_psk -> cfg_tls_first = 1 fi;
    if :: cfg_pc_sl = 1 :: cfg_pc_sl = 2 :: cfg_pc_sl = 3 :: cfg_pc_sl = 7 fi;
#ifdef ONLY_ATK
    cfg_atk = ONLY_ATK;
#else
    if :: cfg_atk = ATK_NONE :: cfg_atk = ATK_NONE; cfg_loss = 1 :: cfg_atk = ATK_FREE
    /* the scripted scenarios of `itls demo mitm` and `itls demo bid-down` (a), (b) */
    :: cfg_atk = ATK_MITM; cfg_ue_offer = 3; cfg_psk = 0; cfg_tls_first = 1; cfg_pc_sl = 7
    :: cfg_atk = ATK_BD_A; cfg_ue_offer = 3; cfg_psk = 0; cfg_tls_first = 0; cfg_pc_sl = 7
    :: cfg_atk = ATK_BD_B; cfg_ue_offer = 3; cfg_psk = 0; cfg_tls_first = 0; cfg_pc_sl = 3
    fi;
#endif
    cfg_pc_support = cfg_pc_sl & 3;
    printf("@C %d %d %d %d %d %d\n", cfg_ue_offer, cfg_tls_first, cfg_psk, cfg_pc_sl, cfg_atk, cfg_loss)
  };
  do
  :: atomic {
  if
  /* ---- the UE starts ---- */
  :: !g_started && UE_TAKES_START -> g_started = 1; ue_ev(UE_E_START)
  /* ---- a TLS handshake the UE asked for (UE-02, UE-14, UE-17, UE-19) ---- */
  :: ue_want == W_CONNECT && cfg_atk != ATK_MITM && (cfg_pc_support & OFF_TLS) && c_pc == X_NONE && !lost_pc ->
       c_ue = X_GENUINE; c_pc = X_GENUINE; pc_up_ev(0, 0); ue_up_ev(C_P, 0, 0)
  :: ue_want == W_CONNECT && !(cfg_pc_support & OFF_TLS) ->
       ue_want = W_NONE; printf("@N 2 refuses the TLS handshake\n"); ue_ev(UE_E_TLS_FAIL)
  :: ue_want == W_PSK && (cfg_pc_support & OFF_TLS) && c_pc == X_NONE && !lost_pc ->
       if
       :: ue_psk != 0 && ue_psk == pc_psk -> c_ue = X_GENUINE; c_pc = X_GENUINE; pc_up_ev(0, 1); ue_up_ev(0, 0, 1)
       :: else -> ue_want = W_NONE; printf("@N 2 PSK-TLS handshake fails\n"); ue_ev(UE_E_TLS_FAIL)
       fi
  :: ue_want == W_PSK && !(cfg_pc_support & OFF_TLS) ->
       ue_want = W_NONE; ue_ev(UE_E_TLS_FAIL)
  :: ue_want == W_RESUME && s_ue == X_GENUINE && c_pc == X_NONE && !lost_pc ->
       c_ue = X_GENUINE; c_pc = X_GENUINE; pc_up_ev(1, 0); ue_up_ev(0, 1, 0)
  :: ue_want == W_RESUME && (s_ue != X_GENUINE || ATK_ON) && (cfg_pc_support & OFF_TLS) && c_pc == X_NONE && !lost_pc ->
       /* a new full handshake with the genuine P-CSCF (the attacker made resumption fail) */
       if
       :: !cfg_psk -> c_ue = X_GENUINE; c_pc = X_GENUINE; pc_up_ev(0, 0); ue_up_ev(C_P, 0, 0)
       :: cfg_psk && ue_psk != 0 && ue_psk == pc_psk -> c_ue = X_GENUINE; c_pc = X_GENUINE; pc_up_ev(0, 1); ue_up_ev(0, 0, 1)
       :: else -> ue_want = W_NONE; ue_ev(UE_E_TLS_FAIL)
       fi
  /* the attacker answers the UE's handshake with its own certificate (UE-05: no CA check) */
  :: (ATK_ON || cfg_atk == ATK_MITM) && (ue_want == W_CONNECT || (ue_want == W_RESUME && !cfg_psk)) ->
       c_ue = X_ATK; ue_up_ev(C_M, 0, 0)
  :: ATK_ON && ue_want == W_RESUME && s_ue == X_ATK -> c_ue = X_ATK; ue_up_ev(0, 1, 0)
  /* the attacker refuses the handshake (figure 5: the alert is not authenticated) */
  :: ATK_ON && ue_want != W_NONE ->
       ue_want = W_NONE; printf("@N 1 forges a TLS refusal\n"); ue_ev(UE_E_TLS_FAIL)
  /* ---- closed connections reach the machines ---- */
  :: lost_ue -> lost_ue = 0; if :: UE_TAKES_TLS_LOST -> ue_ev(UE_E_TLS_LOST) :: else -> skip fi
  :: lost_pc -> lost_pc = 0; if :: PC_TAKES_TLS_CLOSED -> pc_ev(PC_E_TLS_CLOSED) :: else -> skip fi
  /* ---- honest delivery ---- */
  :: m1 && (m1_via == TR_PLAIN || DIRECT) -> m1 = 0;
       if :: PC_TAKES_SM1 && cfg_atk == ATK_BD_B -> printf("@N 1 removes tls from the Security-Client of SM1\n"); pc_sm1(m1_cl & 2, m1_via, A_MITM)
          :: PC_TAKES_SM1 && cfg_atk != ATK_BD_B -> pc_sm1(m1_cl, m1_via, A_UE)
          :: else -> skip fi
  :: m6 && (m6_via == TR_PLAIN || DIRECT) -> m6 = 0;
       if :: UE_TAKES_SM6 && cfg_atk == ATK_BD_A -> printf("@N 1 removes tls from the Security-Server of SM6\n"); ue_sm6(m6_sl & 2, m6_stok, m6_run, A_MITM)
          :: UE_TAKES_SM6 && cfg_atk != ATK_BD_A -> ue_sm6(m6_sl, m6_stok, m6_run, A_PC)
          :: else -> skip fi
  :: m7 && ((m7_via == TR_IPSEC && (cfg_pc_support & OFF_IPSEC) && pc_run == m7_run) || (m7_via == TR_TLS && DIRECT)) -> m7 = 0;
       if :: PC_TAKES_SM7 -> pc_sm7(m7_cl, m7_sv, m7_ctok, m7_res, m7_via, A_UE) :: else -> skip fi
  :: m12 != R_NONE && (m12_via != TR_TLS || DIRECT) ->
       a1 = m12; m12 = R_NONE;
       if :: (a1 == R_OK && UE_TAKES_SM12) || (a1 == R_REJECT && UE_TAKES_REJECT) -> ue_final(a1, A_PC, m12_via) :: else -> skip fi
  /* ---- the S-CSCF/HSS (trusted hop): a fresh AKA run per SM2; RES checked at SM8 ---- */
  :: sc_req == REQ_SM2 -> sc_req = 0;
       if
       :: net_run < 3 -> net_run++; printf("@M 3 2 SM5 0 %d 0 0 0\n", net_run);
          if :: PC_TAKES_SM5 -> pev_kind = PC_E_SM5; pev_via = 0; pev_resumed = 0; pev_psk = 0; pev_cl = 0;
                pev_sv = 0; pev_keys = 1; pev_run = net_run; pev_ctok = 0; pev_res = 0; go_pc = 1
          :: else -> skip fi
       :: else -> skip
       fi
  :: sc_req == REQ_SM8 -> sc_req = 0;
       printf("@M 3 2 SM11 0 %d 0 0 0\n", sc_res == net_run);
       if
       :: sc_res == net_run -> if :: PC_TAKES_SM11 -> pc_ev(PC_E_SM11) :: else -> skip fi
       :: else -> if :: PC_TAKES_SM11_REJECT -> pc_ev(PC_E_SM11_REJECT) :: else -> skip fi
       fi
  /* ---- an honest loss of TLS after registration (resumption, UE-19, PC-17) ---- */
  :: cfg_loss && !loss_used && ue_st == UE_S_REGISTERED_TLS && pc_st == PC_S_REGISTERED && DIRECT ->
       loss_used = 1; printf("@N 1 the connection drops\n"); close_ue_conn()
  /* ---- a re-registration of a registered UE: a second AKA run (UE-28, PC-23) ---- */
  /* (over a live connection: a loss already on its way to the UE is taken first; a loss
   *  during the re-registration ends the UE in failed, spec/security.md) */
  :: !rereg_used && UE_TAKES_REREGISTER && !lost_ue && (ue_st == UE_S_REGISTERED_IPSEC || c_ue != X_NONE) ->
       rereg_used = 1; printf("@N 0 re-registers\n"); ue_ev(UE_E_REREGISTER)
  /* ---- the scripted man in the middle of `itls demo mitm`: relays between its two connections ---- */
  :: cfg_atk == ATK_MITM && c_ue == X_ATK && c_pc == X_NONE && !lost_pc ->
       c_pc = X_ATK; pc_up_ev(0, 0)
  :: cfg_atk == ATK_MITM && m1 && m1_via == TR_TLS && c_ue == X_ATK && c_pc == X_ATK -> m1 = 0;
       if :: PC_TAKES_SM1 -> pc_sm1(m1_cl, TR_TLS, A_MITM) :: else -> skip fi
  :: cfg_atk == ATK_MITM && m6 && m6_via == TR_TLS && c_pc == X_ATK && c_ue == X_ATK -> m6 = 0;
       if :: UE_TAKES_SM6 -> ue_sm6(m6_sl, m6_stok, m6_run, A_MITM) :: else -> skip fi
  :: cfg_atk == ATK_MITM && m7 && m7_via == TR_TLS && c_pc == X_ATK && c_ue == X_ATK -> m7 = 0;
       if :: PC_TAKES_SM7 -> pc_sm7(m7_cl, m7_sv, m7_ctok, m7_res, TR_TLS, A_MITM) :: else -> skip fi
  :: cfg_atk == ATK_MITM && m12 != R_NONE && m12_via == TR_TLS && c_pc == X_ATK && c_ue == X_ATK ->
       a1 = m12; m12 = R_NONE;
       if :: (a1 == R_OK && UE_TAKES_SM12) || (a1 == R_REJECT && UE_TAKES_REJECT) -> ue_final(a1, A_MITM, TR_TLS) :: else -> skip fi
  /* ---- the Dolev-Yao attacker on the UE <-> P-CSCF hop ---- */
  :: ATK_ON && m1 -> m1 = 0; printf("@N 1 drops SM1\n")
  :: ATK_ON && m6 -> m6 = 0; printf("@N 1 drops SM6\n")
  :: ATK_ON && m7 -> m7 = 0; printf("@N 1 drops SM7\n")
  :: ATK_ON && m12 != R_NONE -> m12 = R_NONE; printf("@N 1 drops the final response\n")
  :: ATK_ON && c_ue != X_NONE -> printf("@N 1 closes the UE's TCP connection\n"); close_ue_conn()
  :: ATK_ON && c_pc != X_NONE -> printf("@N 1 closes the P-CSCF's TCP connection\n"); close_pc_conn()
  /* its own TLS client connection to the P-CSCF (which asks no client certificate, PC-01) */
  :: ATK_ON && !cfg_psk && (cfg_pc_support & OFF_TLS) && c_pc == X_NONE && !lost_pc ->
       c_pc = X_ATK; pc_up_ev(0, 0)
  /* inject or rewrite: any SM1, SM6, SM7 it can build from what it knows */
  :: ATK_ON && PC_TAKES_SM1 -> atk_client(a1);
       if :: a2 = TR_PLAIN :: c_pc == X_ATK -> a2 = TR_TLS fi;
       pc_sm1(a1, a2, A_MITM)
  :: ATK_ON && UE_TAKES_SM6 -> atk_list(a1); atk_stok(a2); atk_run(a3);
       ue_sm6(a1, a2, a3, A_MITM)
  :: ATK_ON && PC_TAKES_SM7 -> atk_client(a1); atk_list(a2); atk_ctok(a3); atk_fresh_res(a4);
       if :: a5 = TR_PLAIN :: c_pc == X_ATK -> a5 = TR_TLS fi;
       pc_sm7(a1, a2, a3, a4, a5, A_MITM)
  /* forge an unprotected error response; a 200 OK inside its own TLS connection */
  :: ATK_ON && UE_TAKES_REJECT -> ue_final(R_REJECT, A_MITM, TR_PLAIN)
  :: ATK_ON && c_ue == X_ATK && UE_TAKES_SM12 -> ue_final(R_OK, A_MITM, TR_TLS)
  /* ask either side to open TLS the wrong way (UE-18, PC-17) */
  :: ATK_ON && UE_TAKES_TLS_INBOUND -> ue_ev(UE_E_TLS_INBOUND)
  :: ATK_ON && PC_TAKES_TLS_TO_UE -> pc_ev(PC_E_TLS_TO_UE)
  :: else -> break
  fi;
  /* the machines take the events set above: the P-CSCF first (a TLS server completes first) */
  if :: go_pc -> go_pc = 0;
/* @@PC_STEP@@ */
     /* a TLS connection the P-CSCF's machine does not take (no row) is closed by its caller */
     if
     :: pev_kind == PC_E_TLS_UP && pc_row == 255 ->
        printf("@N 2 refuses the connection (no row for tls-up)\n");
        if
        :: c_ue == X_GENUINE && c_pc == X_GENUINE && go_ue -> c_ue = X_NONE; s_ue = X_NONE;
           ev_kind = UE_E_TLS_FAIL; ev_cert = 0; ev_resumed = 0; ev_psk = 0
        :: else -> skip
        fi;
        c_pc = X_NONE
     :: else -> skip
     fi
  :: else -> skip fi;
  if :: go_ue -> go_ue = 0;
/* @@UE_STEP@@ */
  :: else -> skip fi;
  check();
  ev_kind = 0; ev_cert = 0; ev_resumed = 0; ev_psk = 0; ev_aka_ok = 0; ev_run = 0; ev_stok = 0;
  ev_sl = 0; ev_chosen = 0; pev_kind = 0; pev_via = 0; pev_resumed = 0; pev_psk = 0; pev_cl = 0;
  pev_sv = 0; pev_keys = 0; pev_run = 0; pev_ctok = 0; pev_res = 0; ue_row = 0; pc_row = 0;
  a1 = 0; a2 = 0; a3 = 0; a4 = 0; a5 = 0
  }
  od;
  /* ---- the run has ended: nothing more can happen ---- */
  printf("@E %d %d\n", ue_st, pc_st);
  /* SP-07 (progress): with no attacker and a common mechanism, both end registered, on the same mechanism */
  CHK_SP07(cfg_atk != ATK_NONE || (cfg_ue_offer & cfg_pc_support) == 0 ||
    ((ue_st == UE_S_REGISTERED_TLS || ue_st == UE_S_REGISTERED_IPSEC) && pc_st == PC_S_REGISTERED &&
     pc_mech == ((ue_st == UE_S_REGISTERED_TLS) -> M_TLS : M_IPSEC)));
  /* SP-08 (itls demo mitm, bid-down): the scripted attacks end as their ladders say */
  CHK_SP08(cfg_atk != ATK_MITM || (ue_st == UE_S_FAILED && pc_st != PC_S_REGISTERED));
  CHK_SP08((cfg_atk != ATK_BD_A && cfg_atk != ATK_BD_B) ||
    (pc_st == PC_S_FAILED && ue_st != UE_S_REGISTERED_TLS && ue_st != UE_S_REGISTERED_IPSEC))
}
