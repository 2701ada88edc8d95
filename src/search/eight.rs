//! Eight ASCII bytes tested at once, as the bytes of a `u64`: the word
//! scanner of [`super::matcher`] and the whitespace collapse of
//! [`super::highlight`] read text this way.

/// A `u64` with each byte 1.
pub(super) const ONES: u64 = 0x0101_0101_0101_0101;

/// A `u64` with each byte's high bit set.
pub(super) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte `b` of `x` set when `lo <= b <= hi`, every
/// other bit clear. Each byte of `x` must be below 0x80 (ASCII): no
/// borrow then crosses from one byte to the next.
pub(super) fn within(x: u64, lo: u8, hi: u8) -> u64 {
    (x | HIGH).wrapping_sub(u64::from(lo) * ONES)
        & (u64::from(hi | 0x80) * ONES).wrapping_sub(x)
        & HIGH
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Each byte's high bit says whether that byte is in the range.
        #[test]
        fn within_tests_each_byte(bytes in proptest::array::uniform8(0u8..128), lo in 0u8..128, hi in 0u8..128) {
            let got = within(u64::from_le_bytes(bytes), lo, hi);
            for (i, &b) in bytes.iter().enumerate() {
                prop_assert_eq!(got >> (8 * i) & 0xFF, if (lo..=hi).contains(&b) { 0x80 } else { 0 });
            }
        }
    }
}
