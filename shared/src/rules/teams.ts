// Team play: which teams exist, who goes where, and how a team scores. Pure: the reducer calls these.

/** A team as every screen shows it. Colour is never the only cue: each team also has a shape and a letter. */
export interface Team {
  id: string;
  name: string;
  /** CSS colour of the team's cards and chips. */
  color: string;
  /** A shape drawn beside the name, so colour-blind students and grey projectors can tell teams apart. */
  shape: TeamShape;
  /** One capital letter, printed inside the shape. */
  letter: string;
}

export type TeamShape = "triangle" | "diamond" | "circle" | "square" | "star" | "hexagon" | "cross" | "heart";

export const MIN_TEAMS = 2;
export const MAX_TEAMS = 8;

/** The built-in team set, in the order a game with N teams takes them. Colours picked to differ in lightness too. */
export const DEFAULT_TEAMS: readonly Team[] = [
  { id: "red", name: "Red", color: "#e21b3c", shape: "triangle", letter: "R" },
  { id: "blue", name: "Blue", color: "#1368ce", shape: "diamond", letter: "B" },
  { id: "gold", name: "Gold", color: "#d89e00", shape: "circle", letter: "G" },
  { id: "green", name: "Green", color: "#26890c", shape: "square", letter: "E" },
  { id: "purple", name: "Purple", color: "#864cbf", shape: "star", letter: "P" },
  { id: "teal", name: "Teal", color: "#0aa3a3", shape: "hexagon", letter: "T" },
  { id: "orange", name: "Orange", color: "#e86b00", shape: "cross", letter: "O" },
  { id: "pink", name: "Pink", color: "#d9418c", shape: "heart", letter: "K" },
];

/** The first `count` built-in teams (2–8). */
export function defaultTeams(count: number): Team[] {
  if (!Number.isInteger(count) || count < MIN_TEAMS || count > MAX_TEAMS) {
    throw new RangeError(`a game has ${MIN_TEAMS} to ${MAX_TEAMS} teams, not ${count}`);
  }
  return DEFAULT_TEAMS.slice(0, count).map((team) => ({ ...team }));
}

/**
 * Named houses that return in every game of a competition: each name keeps the look of the built-in team
 * at its position, and its id is derived from the name so the same house matches across games.
 */
export function housesFromNames(names: readonly string[]): Team[] {
  const cleaned = names.map((name) => name.trim()).filter((name) => name.length > 0);
  if (cleaned.length < MIN_TEAMS || cleaned.length > MAX_TEAMS) {
    throw new RangeError(`houses: give ${MIN_TEAMS} to ${MAX_TEAMS} names, not ${cleaned.length}`);
  }
  const ids = new Set<string>();
  return cleaned.map((name, index) => {
    const id = `house-${name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-")}`;
    if (ids.has(id)) throw new RangeError(`houses: "${name}" is named twice`);
    ids.add(id);
    const look = DEFAULT_TEAMS[index] as Team;
    return { ...look, id, name, letter: (name[0] ?? look.letter).toUpperCase() };
  });
}

/**
 * The team a joining student is put in: the one with fewest current members; on a tie, the one listed
 * first. `members` maps each seated (not removed) student to their team id.
 */
export function balanceTeam(teams: readonly Team[], members: Readonly<Record<string, string>>): string {
  const counts = new Map(teams.map((team) => [team.id, 0]));
  for (const teamId of Object.values(members)) {
    const count = counts.get(teamId);
    if (count !== undefined) counts.set(teamId, count + 1);
  }
  let best = teams[0];
  if (!best) throw new RangeError("balanceTeam needs at least one team");
  for (const team of teams) {
    if ((counts.get(team.id) ?? 0) < (counts.get(best.id) ?? 0)) best = team;
  }
  return best.id;
}

/** One student's points on one played question, and their team at that moment. */
export interface TeamPointsEntry {
  playerId: string;
  teamId: string;
  questionIndex: number;
  points: number;
}

export interface TeamStanding {
  teamId: string;
  /** Sum over played questions of the mean points of the team's members present for that question. */
  score: number;
  /** Members now (seated, not removed). */
  memberCount: number;
  /** Dense rank: equal scores share a rank (1, 1, 2). */
  rank: number;
}

/** The rule in one sentence, shown on every team screen. */
export const TEAM_SCORE_RULE = "Team score = the average points of its members on each question, added up.";

/**
 * Team scores fair to uneven teams: for every played question, a team earns the mean points of the
 * members who were in the game for it (`present` lists them, with 0 points when they did not answer);
 * a team's score is the sum of those means, rounded to whole points. A team of 3 that all score 1000
 * ties a team of 6 that all score 1000.
 */
export function teamStandings(
  teams: readonly Team[],
  present: readonly TeamPointsEntry[],
  currentMembers: Readonly<Record<string, string>>,
): TeamStanding[] {
  const perQuestion = new Map<string, { sum: number; count: number }>(); // `${teamId}|${questionIndex}`
  for (const entry of present) {
    const key = `${entry.teamId}|${entry.questionIndex}`;
    const cell = perQuestion.get(key) ?? { sum: 0, count: 0 };
    cell.sum += entry.points;
    cell.count += 1;
    perQuestion.set(key, cell);
  }
  const totals = new Map(teams.map((team) => [team.id, 0]));
  for (const [key, cell] of perQuestion) {
    const teamId = key.slice(0, key.lastIndexOf("|"));
    if (totals.has(teamId)) totals.set(teamId, (totals.get(teamId) ?? 0) + cell.sum / cell.count);
  }
  const memberCounts = new Map(teams.map((team) => [team.id, 0]));
  for (const teamId of Object.values(currentMembers)) {
    if (memberCounts.has(teamId)) memberCounts.set(teamId, (memberCounts.get(teamId) ?? 0) + 1);
  }
  const order = new Map(teams.map((team, index) => [team.id, index]));
  const rows = teams.map((team) => ({
    teamId: team.id,
    score: Math.round(totals.get(team.id) ?? 0),
    memberCount: memberCounts.get(team.id) ?? 0,
  }));
  rows.sort((a, b) => b.score - a.score || (order.get(a.teamId) ?? 0) - (order.get(b.teamId) ?? 0));
  return denseRanks(rows);
}

/** Gives rows already sorted by score (highest first) dense ranks: equal scores share one. */
export function denseRanks<T extends { score: number }>(sorted: readonly T[]): (T & { rank: number })[] {
  let rank = 0;
  let previous: number | undefined;
  return sorted.map((row) => {
    if (row.score !== previous) rank++;
    previous = row.score;
    return { ...row, rank };
  });
}
