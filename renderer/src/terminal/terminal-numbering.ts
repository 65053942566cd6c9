// Numbers terminals like people count them: a new terminal takes the lowest number not in use ("bash 1", "bash 2").

export function lowestFreeNumber(used: Iterable<number>): number {
  const taken = new Set(used);
  let candidate = 1;
  while (taken.has(candidate)) candidate++;
  return candidate;
}
