/** Short WebAudio beeps, muted until the person turns sound on (no background music). */

const MUTED_KEY = "handsup.soundOn";
let context: AudioContext | undefined;
let soundOn = localStorage.getItem(MUTED_KEY) === "1";

/** Plays a short tone if sound is on. */
export function beep(kind: "tick" | "good" | "bad" | "buzz" = "tick"): void {
  if (!soundOn) return;
  context ??= new AudioContext();
  const frequency = { tick: 660, good: 880, bad: 220, buzz: 440 }[kind];
  const osc = context.createOscillator();
  const gain = context.createGain();
  osc.frequency.value = frequency;
  osc.type = kind === "bad" ? "sawtooth" : "sine";
  gain.gain.setValueAtTime(0.15, context.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 0.25);
  osc.connect(gain).connect(context.destination);
  osc.start();
  osc.stop(context.currentTime + 0.25);
}

/** Adds the "Sound on/off" toggle button to the page. */
export function addSoundToggle(): void {
  const button = document.createElement("button");
  button.className = "sound-toggle";
  button.type = "button";
  const label = () => {
    button.textContent = soundOn ? "Sound: on" : "Sound: off";
    button.setAttribute("aria-pressed", String(soundOn));
  };
  label();
  button.addEventListener("click", () => {
    soundOn = !soundOn;
    localStorage.setItem(MUTED_KEY, soundOn ? "1" : "0");
    label();
    beep("tick");
  });
  (document.getElementById("main") ?? document.body).append(button);
}
