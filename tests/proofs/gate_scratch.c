/* tests/proofs/gate_scratch.c -- a tiny proved function: tests/proofs/gate-test.sh
 * breaks it in scratch copies and checks that the proof gate fails. */
#include <stddef.h>

/*@ requires n <= 1000;
    requires \valid_read(a + (0 .. n - 1));
    assigns \nothing;
    ensures 0 <= \result <= n;
    ensures \forall integer k; 0 <= k < \result ==> a[k] != 0;
 */
size_t
gt_prefix(const unsigned char *a, size_t n)
{
	size_t i;

	/*@ loop invariant 0 <= i <= n;
	    loop invariant \forall integer k; 0 <= k < i ==> a[k] != 0;
	    loop assigns i;
	    loop variant n - i;
	 */
	for (i = 0; i < n; i++) {
		if (a[i] == 0) {
			break;
		}
	}
	/*@ assert i <= n; */
	return i;
}
