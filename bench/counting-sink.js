// A trace sink that counts delivered messages (deliver decisions) and forwards every record.

/** Forward to `inner` (optional) and count `deliver` steps in `.messages`. */
export function countingSink(inner) {
  const sink = {
    messages: 0,
    header: (h) => inner?.header(h),
    step(s) {
      if (s.decision.type === 'deliver') sink.messages++;
      inner?.step(s);
    },
    footer: (f) => inner?.footer(f),
  };
  return sink;
}
