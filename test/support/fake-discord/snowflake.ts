/** Discord's ids: milliseconds since Discord's epoch in the high bits, so ids sort by creation as bots assume. */
const DISCORD_EPOCH = 1_420_070_400_000n;

export function snowflakes(): () => string {
  let last = 0n;
  return () => {
    const now = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
    // Two ids in one millisecond must still differ and still sort in creation order.
    last = now > last ? now : last + 1n;
    return last.toString();
  };
}
