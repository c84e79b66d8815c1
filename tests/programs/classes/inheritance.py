# classes: single inheritance, method overriding, super().__init__, isinstance/issubclass
class Animal:
    kingdom = "animalia"
    def __init__(self, name):
        self.name = name
    def speak(self):
        return "..."
    def describe(self):
        return f"{self.name} says {self.speak()}"
class Dog(Animal):
    def speak(self):
        return "woof"
class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def speak(self):
        return super().speak() + "!"
    def describe(self):
        return Animal.describe(self) + f" (age {self.age})"
for a in [Animal("generic"), Dog("rex"), Puppy("bit", 1)]:
    print(a.describe(), type(a).__name__, a.kingdom)
p = Puppy("x", 2)
print(isinstance(p, Dog), isinstance(p, Animal), isinstance(p, object), isinstance(Dog("d"), Puppy))
print(issubclass(Puppy, Animal), issubclass(Animal, Dog), issubclass(Dog, Dog), issubclass(bool, int))
print(isinstance(p, (int, Dog)), issubclass(Puppy, (str, Animal)))
print(Puppy.__bases__[0].__name__, Puppy.__base__.__name__, Animal.__bases__[0].__name__)
print([c.__name__ for c in Puppy.__mro__])
print(type(p) is Puppy, type(p) == Dog, p.__class__.__name__)
