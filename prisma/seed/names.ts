/** Name pools for the demo runners (fictional people). */
export const GIVEN_FEMALE = [
  "Amelia", "Olivia", "Isla", "Ava", "Mia", "Sophie", "Grace", "Freya", "Chloe", "Emily", "Hannah", "Ella", "Lucy", "Zara", "Priya",
  "Aisha", "Maya", "Nora", "Ruth", "Helen", "Claire", "Fiona", "Joanna", "Sarah", "Laura", "Ingrid", "Marta", "Elena", "Yuki", "Chiara",
];
export const GIVEN_MALE = [
  "Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Arthur", "Oscar", "Thomas", "James", "William", "Henry", "Samuel", "Daniel", "Ravi",
  "Omar", "Lukas", "Mateo", "Andrew", "Peter", "David", "Michael", "Stephen", "Graham", "Colin", "Tomasz", "Kenji", "Marco", "Ewan", "Callum",
];
export const FAMILY = [
  "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White",
  "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Lewis", "James", "Phillips", "Mason", "Mitchell", "Rose", "Davis",
  "Rodriguez", "Cox", "Alexander", "Morgan", "Moore", "Hughes", "Ward", "Price", "Bennett", "Gray", "Fraser", "Murray", "Kowalski", "Nakamura",
  "Rossi", "Okafor", "Haddad", "Lindqvist", "O'Brien", "MacLeod", "Novak",
];
export const COMPLAINTS = [
  "Inner knee pain after runs",
  "Medial knee pain during long runs",
  "Pain inside of knee on stairs after running",
  "Medial knee pain since half-marathon training block",
  "Inner knee pain after a twist on trail",
  "Pain below inner knee, worse after hills",
  "Medial knee ache and swelling after track session",
];
export const GOALS = ["Local 10K", "Half marathon", "City marathon", "Parkrun PB", "Trail 25K", "Club cross-country", "Ultra 50K"];
