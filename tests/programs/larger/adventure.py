# larger: text adventure state machine driven by a scripted list of commands
ROOMS = {
    "hall": {"desc": "a dusty hall", "exits": {"north": "library", "east": "kitchen"}, "items": ["lamp"]},
    "library": {"desc": "shelves of old books", "exits": {"south": "hall", "up": "attic"}, "items": ["book", "key"]},
    "kitchen": {"desc": "a cold kitchen", "exits": {"west": "hall", "down": "cellar"}, "items": ["bread"]},
    "attic": {"desc": "a cramped attic", "exits": {"down": "library"}, "items": ["chest"]},
    "cellar": {"desc": "a dark cellar", "exits": {"up": "kitchen"}, "items": [], "dark": True},
}

class Game:
    def __init__(self):
        self.room = "hall"
        self.inventory = []
        self.state = "playing"
        self.moves = 0
        self.score = 0
        self.chest_open = False
    def out(self, msg):
        print(f"[{self.moves:02d}] {msg}")
    def look(self):
        r = ROOMS[self.room]
        if r.get("dark") and "lamp" not in self.inventory:
            self.out("It is pitch black.")
            return
        items = ", ".join(r["items"]) or "nothing"
        exits = ", ".join(sorted(r["exits"]))
        self.out(f"You are in {r['desc']}. You see: {items}. Exits: {exits}.")
    def go(self, direction):
        exits = ROOMS[self.room]["exits"]
        if direction not in exits:
            self.out(f"You can't go {direction}.")
            return
        self.room = exits[direction]
        self.look()
    def take(self, item):
        items = ROOMS[self.room]["items"]
        if item == "chest":
            self.out("The chest is too heavy.")
        elif item in items:
            items.remove(item)
            self.inventory.append(item)
            self.score += 5
            self.out(f"Taken {item}.")
        else:
            self.out(f"No {item} here.")
    def drop(self, item):
        if item not in self.inventory:
            self.out(f"You don't have {item}.")
            return
        self.inventory.remove(item)
        ROOMS[self.room]["items"].append(item)
        self.out(f"Dropped {item}.")
    def open(self, what):
        if what != "chest" or self.room != "attic":
            self.out("Nothing to open.")
        elif "key" not in self.inventory:
            self.out("The chest is locked.")
        elif self.chest_open:
            self.out("Already open.")
        else:
            self.chest_open = True
            self.score += 50
            self.out("The chest creaks open: treasure!")
            self.state = "won"
    def step(self, line):
        self.moves += 1
        words = line.lower().split()
        if not words:
            self.out("Say something.")
            return
        verb, args = words[0], words[1:]
        handlers = {"look": lambda: self.look(), "go": lambda: self.go(*args),
                    "take": lambda: self.take(*args), "drop": lambda: self.drop(*args),
                    "open": lambda: self.open(*args),
                    "inventory": lambda: self.out("Carrying: " + (", ".join(sorted(self.inventory)) or "nothing")),
                    "quit": lambda: setattr(self, "state", "quit")}
        if verb in ("n", "s", "e", "w", "u", "d"):
            verb, args = "go", [{"n": "north", "s": "south", "e": "east", "w": "west", "u": "up", "d": "down"}[verb]]
        if verb not in handlers:
            self.out(f"I don't understand '{verb}'.")
            return
        try:
            handlers[verb]()
        except TypeError:
            self.out(f"{verb} what?")

script = ["look", "take lamp", "e", "take bread", "take bread", "d", "look", "u", "w", "n",
          "take key", "take", "dance", "inventory", "u", "take chest", "drop bread", "look",
          "open chest", "open chest", ""]
g = Game()
for cmd in script:
    if g.state != "playing":
        print("game over:", g.state)
        break
    print("> " + cmd)
    g.step(cmd)
print("final", g.state, g.score, g.moves, sorted(g.inventory))
