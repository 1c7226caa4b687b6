/*
 * CRC-64/XZ (ECMA-182 polynomial, reflected, init and xorout all ones): the CRC OSS checks as
 * x-oss-hash-crc64ecma. A plain N-API addon (node_api.h only, no V8 or nan), so one binary loads in Node
 * and in Electron on the same platform and architecture.
 *
 *   update(crc: bigint, data: Uint8Array) => bigint
 *     crc is the finished CRC-64/XZ of the bytes before `data` (0n for none); returns the finished CRC of
 *     both, like zlib's crc32(crc, buf). The view's bytes are read in place, never copied.
 *   updatePortable(crc, data)   the same through the portable table path, whatever the CPU (tests, benches).
 *   implementation()            'pclmul' or 'portable': what update() uses on this CPU.
 *
 * Fast path (x86-64 with PCLMULQDQ): folding with carry-less multiplication, the method of Intel's "Fast CRC
 * Computation for Generic Polynomials Using PCLMULQDQ Instruction" (Gopal et al., 2009) for a reflected
 * CRC, as in ISA-L's crc64_ecma_refl and the crc64fast crate. Eight 16-byte lanes are folded 128 bytes at a
 * time, then folded into one lane; that lane's remainder is taken with the table (16 bytes, once per call),
 * so no Barrett constants are needed. Chosen at run time with __builtin_cpu_supports.
 * Portable path: slicing-by-8 tables (CPUs without PCLMULQDQ, arm64 — PMULL is not implemented here).
 *
 * How the fold constants are derived (fold_constants(), at load time, from the polynomial alone):
 * in the reflected bit order, bit i of a 64-bit word is the coefficient of x^(63-i), and bit k of a
 * 16-byte little-endian lane is the coefficient of x^(127-k). A carry-less product of two such 64-bit words
 * a, b, read as a 128-bit lane, is x*A*B (the reflected off-by-one). Folding a lane X = H*x^64 + L forward
 * by D bits needs Y == X*x^D (mod P) with deg Y < 128:
 *   Y = clmul(H, x^(D+63) mod P) ^ clmul(L, x^(D-1) mod P).
 * So each pair of constants is (x^(D+63) mod P, x^(D-1) mod P) in reflected form, computed by multiplying
 * by x (a right shift, xoring the reflected polynomial when a bit falls out) D+63 times — the same step
 * that builds the CRC table. D = 1024 for the 128-byte main loop, 128*j to fold lane 7-j into lane 7, and
 * 128 for the 16-byte loop.
 */
#include <node_api.h>
#include <stdint.h>
#include <string.h>

#define POLY_REFLECTED 0xC96C5795D7870F42ULL

static uint64_t table[8][256];

static void build_tables(void) {
  for (int i = 0; i < 256; i++) {
    uint64_t v = (uint64_t)i;
    for (int bit = 0; bit < 8; bit++) v = (v & 1) ? (v >> 1) ^ POLY_REFLECTED : v >> 1;
    table[0][i] = v;
  }
  for (int k = 1; k < 8; k++)
    for (int i = 0; i < 256; i++) table[k][i] = (table[k - 1][i] >> 8) ^ table[0][table[k - 1][i] & 0xff];
}

/* The raw register (not inverted) advanced over n bytes. */
static uint64_t update_table(uint64_t crc, const uint8_t *p, size_t n) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  while (n >= 8) {
    uint64_t v;
    memcpy(&v, p, 8);
    crc ^= v;
    crc = table[7][crc & 0xff] ^ table[6][(crc >> 8) & 0xff] ^ table[5][(crc >> 16) & 0xff] ^
          table[4][(crc >> 24) & 0xff] ^ table[3][(crc >> 32) & 0xff] ^ table[2][(crc >> 40) & 0xff] ^
          table[1][(crc >> 48) & 0xff] ^ table[0][crc >> 56];
    p += 8;
    n -= 8;
  }
#endif
  while (n > 0) {
    crc = table[0][(crc ^ *p) & 0xff] ^ (crc >> 8);
    p++;
    n--;
  }
  return crc;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_PCLMUL_PATH 1
#include <immintrin.h>

/* x^n mod P in reflected form. */
static uint64_t xpow_mod(unsigned n) {
  uint64_t v = 1ULL << 63; /* x^0 */
  for (unsigned i = 0; i < n; i++) v = (v & 1) ? (v >> 1) ^ POLY_REFLECTED : v >> 1;
  return v;
}

/* Per fold distance D: { low qword: x^(D+63) mod P (multiplies H), high qword: x^(D-1) mod P (multiplies L) }. */
static uint64_t fold_by_1024[2];
static uint64_t fold_to_last[7][2]; /* [j]: fold lane j into lane 7, D = 128 * (7 - j) */
static uint64_t fold_by_128[2];

static void fold_constants(void) {
  fold_by_1024[0] = xpow_mod(1024 + 63);
  fold_by_1024[1] = xpow_mod(1024 - 1);
  for (int j = 0; j < 7; j++) {
    unsigned d = 128u * (unsigned)(7 - j);
    fold_to_last[j][0] = xpow_mod(d + 63);
    fold_to_last[j][1] = xpow_mod(d - 1);
  }
  fold_by_128[0] = xpow_mod(128 + 63);
  fold_by_128[1] = xpow_mod(128 - 1);
}

#define TARGET_PCLMUL __attribute__((target("pclmul,sse4.1")))

TARGET_PCLMUL static inline __m128i load_constants(const uint64_t k[2]) {
  return _mm_set_epi64x((long long)k[1], (long long)k[0]);
}

TARGET_PCLMUL static inline __m128i fold16(__m128i x, __m128i k) {
  return _mm_xor_si128(_mm_clmulepi64_si128(x, k, 0x00), _mm_clmulepi64_si128(x, k, 0x11));
}

TARGET_PCLMUL static uint64_t update_pclmul(uint64_t crc, const uint8_t *p, size_t n) {
  if (n < 256) return update_table(crc, p, n);
  __m128i x[8];
  for (int i = 0; i < 8; i++) x[i] = _mm_loadu_si128((const __m128i *)(p + 16 * i));
  /* The register is the CRC of what came before: xor it into the first 8 bytes, as the table loop does. */
  x[0] = _mm_xor_si128(x[0], _mm_cvtsi64_si128((long long)crc));
  p += 128;
  n -= 128;
  const __m128i k1024 = load_constants(fold_by_1024);
  while (n >= 128) {
    for (int i = 0; i < 8; i++)
      x[i] = _mm_xor_si128(fold16(x[i], k1024), _mm_loadu_si128((const __m128i *)(p + 16 * i)));
    p += 128;
    n -= 128;
  }
  __m128i acc = x[7];
  for (int j = 0; j < 7; j++) acc = _mm_xor_si128(acc, fold16(x[j], load_constants(fold_to_last[j])));
  const __m128i k128 = load_constants(fold_by_128);
  while (n >= 16) {
    acc = _mm_xor_si128(fold16(acc, k128), _mm_loadu_si128((const __m128i *)p));
    p += 16;
    n -= 16;
  }
  /* The lane is congruent to the message so far; its CRC from a zero register is the register here. */
  uint8_t last[16];
  _mm_storeu_si128((__m128i *)last, acc);
  return update_table(update_table(0, last, 16), p, n);
}
#endif

static int use_pclmul = 0;

static uint64_t update_raw(uint64_t crc, const uint8_t *p, size_t n, int portable) {
#ifdef HAVE_PCLMUL_PATH
  if (use_pclmul && !portable) return update_pclmul(crc, p, n);
#else
  (void)portable;
#endif
  return update_table(crc, p, n);
}

static napi_value update_with(napi_env env, napi_callback_info info, int portable) {
  size_t argc = 2;
  napi_value argv[2];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc < 2) {
    napi_throw_type_error(env, NULL, "crc64 update(crc, data): expected 2 arguments");
    return NULL;
  }
  uint64_t crc;
  bool lossless;
  if (napi_get_value_bigint_uint64(env, argv[0], &crc, &lossless) != napi_ok || !lossless) {
    napi_throw_type_error(env, NULL, "crc64 update(crc, data): crc must be a BigInt in 0..2^64-1");
    return NULL;
  }
  bool is_typed;
  napi_typedarray_type type;
  size_t length;
  void *data = NULL;
  if (napi_is_typedarray(env, argv[1], &is_typed) != napi_ok || !is_typed ||
      napi_get_typedarray_info(env, argv[1], &type, &length, &data, NULL, NULL) != napi_ok ||
      type != napi_uint8_array) {
    napi_throw_type_error(env, NULL, "crc64 update(crc, data): data must be a Uint8Array");
    return NULL;
  }
  uint64_t result = length == 0 ? crc : ~update_raw(~crc, (const uint8_t *)data, length, portable);
  napi_value out;
  if (napi_create_bigint_uint64(env, result, &out) != napi_ok) return NULL;
  return out;
}

static napi_value update(napi_env env, napi_callback_info info) { return update_with(env, info, 0); }
static napi_value update_portable(napi_env env, napi_callback_info info) { return update_with(env, info, 1); }

static napi_value implementation(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out;
  const char *name = use_pclmul ? "pclmul" : "portable";
  if (napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &out) != napi_ok) return NULL;
  return out;
}

static void setup(void) {
  build_tables();
#ifdef HAVE_PCLMUL_PATH
  fold_constants();
  __builtin_cpu_init();
  use_pclmul = __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
#endif
}

/* Once per process, before any thread can call in: every worker thread loads the module too. */
#if defined(_MSC_VER)
#include <windows.h>
static INIT_ONCE setup_once = INIT_ONCE_STATIC_INIT;
static BOOL CALLBACK setup_callback(PINIT_ONCE once, PVOID param, PVOID *context) {
  (void)once, (void)param, (void)context;
  setup();
  return TRUE;
}
#define ENSURE_SETUP() InitOnceExecuteOnce(&setup_once, setup_callback, NULL, NULL)
#else
__attribute__((constructor)) static void setup_at_load(void) { setup(); }
#define ENSURE_SETUP() ((void)0)
#endif

static napi_value init(napi_env env, napi_value exports) {
  ENSURE_SETUP();
  napi_property_descriptor props[] = {
      {"update", NULL, update, NULL, NULL, NULL, napi_enumerable, NULL},
      {"updatePortable", NULL, update_portable, NULL, NULL, NULL, napi_enumerable, NULL},
      {"implementation", NULL, implementation, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  if (napi_define_properties(env, exports, sizeof props / sizeof props[0], props) != napi_ok) return NULL;
  return exports;
}

NAPI_MODULE_INIT() { return init(env, exports); }
